import { lstat, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { databaseArchiveStore } from "../../runner/contract/archive-store";
import { extractArchive } from "../../runner/intake/extract";
import { classify, dependencyRoot, isLockfile, viewText, type CodeFile } from "~/domain/code/files";
import { getConfig } from "./config.server";
import { prisma } from "./db.server";

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
    if (dependencyRoot(rel) || isLockfile(rel)) {
      out.push({ path: rel, size: info.size, kind: classify(rel, null), text: null, truncatedLines: 0 });
      continue;
    }
    if (info.size > budget.left) {
      // Listed and linkable; its page says it is not shown and the archive download has it.
      out.push({ path: rel, size: info.size, kind: "source", text: null, truncatedLines: 0 });
      continue;
    }
    const bytes = await readFile(full);
    const kind = classify(rel, bytes);
    if (kind !== "source") {
      out.push({ path: rel, size: info.size, kind, text: null, truncatedLines: 0 });
      continue;
    }
    const { text, truncatedLines } = viewText(bytes.toString("utf8"));
    budget.left -= text.length;
    out.push({ path: rel, size: info.size, kind, text, truncatedLines });
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

/** The assessment's starter folder, which the candidate downloaded and built on. */
export async function starterCode(slug: string): Promise<CodeSnapshot> {
  const root = path.resolve(getConfig().ASSESSMENTS_DIR, slug, "starter");
  try {
    return { files: await walk(root), refusal: null };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { files: [], refusal: "This assessment has no starter folder." };
    throw error;
  }
}

export interface CodeAttempt {
  id: string;
  attempt: number;
  status: string;
  archivePath: string;
  archiveSha256: string;
}

export async function codeAttempts(invitationId: string): Promise<{ candidateName: string; assessmentSlug: string; attempts: CodeAttempt[] } | null> {
  const invitation = await prisma.invitation.findUnique({
    where: { id: invitationId },
    select: {
      candidateName: true,
      assessment: { select: { slug: true } },
      submissions: { orderBy: { attempt: "asc" }, select: { id: true, attempt: true, status: true, archivePath: true, archiveSha256: true } },
    },
  });
  if (!invitation) return null;
  return { candidateName: invitation.candidateName, assessmentSlug: invitation.assessment.slug, attempts: invitation.submissions };
}
