import { lstat, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { databaseArchiveStore } from "../../runner/contract/archive-store";
import { extractArchive } from "../../runner/intake/extract";
import { classify, isCollapsed, viewText, type CodeFile } from "~/domain/code/files";
import { prisma } from "./db.server";
import { starterFiles, type StarterAssessment } from "./starter-zip.server";

// A submission's files for reviewers, read from the stored archive through the runner's intake
// (the same refusals for traversal, links, bombs and devices as grading), then dropped from disk.
// Results are kept in a small in-process cache keyed by the stored archive (path and sha256): it
// never changes, and reviewers open several files of the same attempt in a row.

export interface CodeSnapshot {
  files: CodeFile[];
  /** Set when the archive broke an intake rule; files is then empty. */
  refusal: string | null;
}

const CACHE_SIZE = 16;
/** Text kept per snapshot: an archive may expand to 100 MB, the viewer holds at most this much. */
const TEXT_BUDGET = 16 * 1024 * 1024;
const cache = new Map<string, Promise<CodeSnapshot>>();

/** How one file is shown; `read` is called only when its text may be shown. */
async function codeFile(rel: string, size: number, read: () => Promise<Buffer>, budget: { left: number }): Promise<CodeFile> {
  if (isCollapsed(rel)) return { path: rel, size, kind: classify(rel, null), text: null, truncatedLines: 0 };
  // Listed and linkable; its page says it is not shown and the archive download has it.
  if (size > budget.left) return { path: rel, size, kind: "source", text: null, truncatedLines: 0 };
  const bytes = await read();
  const kind = classify(rel, bytes);
  if (kind !== "source") return { path: rel, size, kind, text: null, truncatedLines: 0 };
  const { text, truncatedLines } = viewText(bytes.toString("utf8"));
  budget.left -= text.length;
  return { path: rel, size, kind, text, truncatedLines };
}

async function walk(root: string, relative = "", budget = { left: TEXT_BUDGET }): Promise<CodeFile[]> {
  const out: CodeFile[] = [];
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    const full = path.join(root, rel);
    const info = await lstat(full);
    if (info.isDirectory()) {
      out.push(...(await walk(root, rel, budget)));
      continue;
    }
    // Symbolic links (already checked by the intake to stay inside) are listed, never followed.
    if (!info.isFile()) {
      out.push({ path: rel, size: 0, kind: "binary", text: null, truncatedLines: 0 });
      continue;
    }
    out.push(await codeFile(rel, info.size, () => readFile(full), budget));
  }
  return out;
}

async function readArchive(archivePath: string): Promise<CodeSnapshot> {
  const archive = await databaseArchiveStore(prisma).open(archivePath);
  if (!archive) return { files: [], refusal: "the archive is no longer stored" };
  const dir = await mkdtemp(path.join(tmpdir(), "hirekit-code-"));
  try {
    const result = await extractArchive(archive.path, path.join(dir, "src"));
    if (!result.ok) return { files: [], refusal: result.message };
    return { files: await walk(result.root), refusal: null };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await archive.release();
  }
}

export function submissionCode(submission: { archivePath: string; archiveSha256: string }): Promise<CodeSnapshot> {
  const key = `${submission.archiveSha256}:${submission.archivePath}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const pending = readArchive(submission.archivePath);
  cache.set(key, pending);
  pending.catch(() => cache.delete(key));
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return pending;
}

/** The starter exactly as the candidate downloaded it and built on: the same files as the zip. */
export async function starterCode(assessment: StarterAssessment): Promise<CodeSnapshot> {
  let entries;
  try {
    entries = await starterFiles(assessment);
  } catch (error) {
    return { files: [], refusal: `The starter could not be prepared (${(error as Error).message}).` };
  }
  const budget = { left: TEXT_BUDGET };
  const files: CodeFile[] = [];
  for (const entry of entries) {
    const bytes = "file" in entry ? await readFile(entry.file) : entry.bytes;
    files.push(await codeFile(entry.path, bytes.length, async () => bytes, budget));
  }
  return { files, refusal: null };
}

export interface CodeAttempt {
  id: string;
  attempt: number;
  status: string;
  archivePath: string;
  archiveSha256: string;
}

export async function codeAttempts(
  invitationId: string,
): Promise<{ candidateName: string; assessmentSlug: string; assessment: StarterAssessment; attempts: CodeAttempt[] } | null> {
  const invitation = await prisma.invitation.findUnique({
    where: { id: invitationId },
    select: {
      candidateName: true,
      assessment: { select: { slug: true, contentHash: true, port: true } },
      submissions: { orderBy: { attempt: "asc" }, select: { id: true, attempt: true, status: true, archivePath: true, archiveSha256: true } },
    },
  });
  if (!invitation) return null;
  return { candidateName: invitation.candidateName, assessmentSlug: invitation.assessment.slug, assessment: invitation.assessment, attempts: invitation.submissions };
}
