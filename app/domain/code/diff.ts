import { createTwoFilesPatch } from "diff";

// What changed between two versions of a submission's sources (two attempts, or the starter and
// an attempt): the files added, removed or modified, each modified file as a unified diff.

export interface DiffSource {
  path: string;
  /** Null for files whose content is not compared (binaries, lockfiles, dependencies). */
  text: string | null;
}

export type FileChange =
  | { path: string; status: "added" | "removed" | "modified"; patch: string; added: number; removed: number }
  | { path: string; status: "binary-changed" };

function counts(patch: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of patch.split("\n")) {
    if (line.startsWith("+") && !line.startsWith("+++")) added += 1;
    else if (line.startsWith("-") && !line.startsWith("---")) removed += 1;
  }
  return { added, removed };
}

export function diffFiles(before: readonly DiffSource[], after: readonly DiffSource[]): FileChange[] {
  const old = new Map(before.map((file) => [file.path, file.text]));
  const now = new Map(after.map((file) => [file.path, file.text]));
  const paths = [...new Set([...old.keys(), ...now.keys()])].sort((a, b) => a.localeCompare(b));
  const changes: FileChange[] = [];
  for (const path of paths) {
    const a = old.has(path) ? old.get(path)! : undefined;
    const b = now.has(path) ? now.get(path)! : undefined;
    if (a === b) continue;
    if (a === null || b === null) {
      changes.push({ path, status: "binary-changed" });
      continue;
    }
    const status = a === undefined ? "added" : b === undefined ? "removed" : "modified";
    const patch = createTwoFilesPatch(a === undefined ? "/dev/null" : `a/${path}`, b === undefined ? "/dev/null" : `b/${path}`, a ?? "", b ?? "", undefined, undefined, { context: 3 });
    changes.push({ path, status, patch, ...counts(patch) });
  }
  return changes;
}

/** Patch lines without the two file-name header lines, each tagged for colouring. */
export function patchLines(patch: string): { kind: "add" | "del" | "hunk" | "context"; text: string }[] {
  return patch
    .split("\n")
    .filter((line) => !line.startsWith("===") && !line.startsWith("---") && !line.startsWith("+++") && !line.startsWith("Index:") && !line.startsWith("\\ No newline"))
    .filter((line, index, all) => !(index === all.length - 1 && line === ""))
    .map((line) => ({
      kind: line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "context",
      text: line,
    }));
}
