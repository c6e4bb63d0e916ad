// A grading's work folder (the extracted source, node_modules after a build) lives under
// DATA_DIR/work with the same owner labels as its containers, so a killed worker's folders are
// swept like its containers instead of filling the disk.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { ownerIsGone, resourceLabels, SUBMISSION_LABEL } from "../sandbox/cleanup";

const PREFIX = "hirekit-grade-";
const LABELS_FILE = "labels.json";
/** An unlabelled folder younger than this may be one another worker is creating right now. */
const UNLABELLED_GRACE_MS = 60_000;

export async function createWorkFolder(root: string, submissionId: string, expiresAt: number): Promise<string> {
  await mkdir(root, { recursive: true });
  const safe = submissionId.replace(/[^A-Za-z0-9_.-]/g, "-").slice(0, 40);
  const dir = await mkdtemp(path.join(root, `${PREFIX}${safe}-`));
  await writeFile(path.join(dir, LABELS_FILE), JSON.stringify(resourceLabels(submissionId, expiresAt)));
  return dir;
}

async function readLabels(dir: string): Promise<Record<string, string> | undefined> {
  const text = await readFile(path.join(dir, LABELS_FILE), "utf8").catch(() => null);
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as Record<string, string>;
  } catch {
    return undefined;
  }
}

/** Removes work folders whose owner is gone or whose expiry passed; returns how many. */
export async function sweepWorkFolders(root: string, now = Date.now()): Promise<number> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  let removed = 0;
  for (const entry of entries) {
    if (!entry.isDirectory() || !entry.name.startsWith(PREFIX)) continue;
    const dir = path.join(root, entry.name);
    const labels = await readLabels(dir);
    if (labels && !ownerIsGone(labels, now)) continue;
    // Without readable labels it was cut off between mkdtemp and the label write, unless it is new.
    if (!labels && now - ((await stat(dir).catch(() => null))?.mtimeMs ?? 0) < UNLABELLED_GRACE_MS) continue;
    await rm(dir, { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

/** The work folders of one submission. */
export async function listWorkFolders(root: string, submissionId: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !entry.name.startsWith(PREFIX)) continue;
    const dir = path.join(root, entry.name);
    if ((await readLabels(dir))?.[SUBMISSION_LABEL] === submissionId) found.push(dir);
  }
  return found;
}

/** Removes the work folders of one submission (an interrupted CLI run cleaning up after itself). */
export async function removeWorkFolders(root: string, submissionId: string): Promise<number> {
  const folders = await listWorkFolders(root, submissionId);
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
  return folders.length;
}
