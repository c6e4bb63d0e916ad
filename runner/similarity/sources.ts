import { lstat, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { dependencyRoot, isLockfile } from "~/domain/code/files";
import { languageOfPath } from "~/domain/similarity/tokens";
import type { SourceFile } from "~/domain/similarity/fingerprint";

// The source files the similarity check reads from an extracted submission or an assessment
// folder: JavaScript/TypeScript and Python the candidate wrote, not installed dependencies.

const MAX_FILE_BYTES = 256 * 1024;

export async function readSourceFiles(root: string, relative = ""): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  let entries;
  try {
    entries = await readdir(path.join(root, relative), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && relative === "") return [];
    throw error;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    if (dependencyRoot(rel) || isLockfile(rel)) continue;
    const info = await lstat(path.join(root, rel));
    if (info.isDirectory()) out.push(...(await readSourceFiles(root, rel)));
    else if (info.isFile() && info.size <= MAX_FILE_BYTES && languageOfPath(rel)) out.push({ path: rel, text: await readFile(path.join(root, rel), "utf8") });
  }
  return out;
}
