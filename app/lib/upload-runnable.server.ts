// An upload that cannot run at all (no package.json start script, no Dockerfile, no main.py or
// app.py) is refused at upload, before it takes an attempt. The archive is unpacked with the
// runner's own intake and the runner's own runtime detection decides, so the two never disagree.
import { randomUUID } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { extractArchive } from "../../runner/intake/extract";
import { detectSolution } from "../../runner/sandbox/detect";
import { getConfig } from "./config.server";

/**
 * Why the archive at `archivePath` could not run, or null when it could (or when only the
 * runner can tell: an archive its intake refuses is left for the runner to explain).
 */
export async function unrunnableReason(archivePath: string): Promise<string | null> {
  const dir = path.resolve(getConfig().DATA_DIR, "uploads", "check", randomUUID());
  await mkdir(dir, { recursive: true });
  try {
    const extracted = await extractArchive(archivePath, dir);
    if (!extracted.ok) return null;
    const detected = await detectSolution(extracted.root);
    return detected.ok ? null : detected.reason;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function unrunnableMessage(reason: string): string {
  return `This archive cannot run, so it was not submitted and no attempt was used: ${reason}. Add what is missing and upload again.`;
}
