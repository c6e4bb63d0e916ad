// Files reach containers through the engine, never through the worker's disk: the worker may run
// in a container of its own or talk to a remote DOCKER_HOST. Each grading gets labelled volumes
// (its source, its prober bundle) filled with putArchive into a created, not yet started container
// that mounts them writable; the service then mounts the source read-only. A build's results
// (node_modules) are written into the same volume, so they never leave the engine either.
import { readFile, stat } from "node:fs/promises";
import type Docker from "dockerode";
import tar from "tar-stream";
import { SANDBOX_UID } from "../images/recipes";
import { resourceLabels } from "./cleanup";
import type { SandboxJob } from "./driver";
import { collectTree, packContext } from "./tar-context";

export type VolumeRole = "src" | "probe";

export function volumeName(submissionId: string, role: VolumeRole): string {
  const safe = submissionId.replace(/[^a-zA-Z0-9_.-]/g, "-").slice(0, 100);
  return `hirekit-${role}-${safe}`;
}

/** Creates (or finds) the job's volume, labelled like its containers so destroy() and the sweeper remove it. */
export async function createJobVolume(docker: Docker, job: SandboxJob, role: VolumeRole): Promise<string> {
  const name = volumeName(job.submissionId, role);
  await docker.createVolume({ Name: name, Labels: resourceLabels(job.submissionId, job.expiresAt) });
  return name;
}

export function volumeMount(name: string, target: string, readOnly: boolean) {
  return { Type: "volume" as const, Source: name, Target: target, ReadOnly: readOnly };
}

/** Copies the extracted source into `target` (a writable volume mount of a created container), owned by the sandbox user. */
export async function putSource(container: Docker.Container, sourceDir: string, target: string): Promise<void> {
  // The first entry makes the volume's root the sandbox user's too, so a build can write beside the source.
  const files = [{ name: "./", directory: true, mode: 0o755 }, ...(await collectTree(sourceDir, ""))];
  const archive = packContext(files, { uid: SANDBOX_UID, gid: SANDBOX_UID }) as unknown as NodeJS.ReadableStream;
  await container.putArchive(archive, { path: target });
}

const bundleTars = new Map<string, { mtimeMs: number; tar: Buffer }>();

async function tarOf(name: string, content: Buffer): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name, mode: 0o444, uid: 0, gid: 0 }, content);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Copies the prober bundle into `target` as prober.mjs; the tar is kept in memory per bundle file. */
export async function putProberBundle(container: Docker.Container, bundlePath: string, target: string): Promise<void> {
  const { mtimeMs } = await stat(bundlePath);
  let cached = bundleTars.get(bundlePath);
  if (!cached || cached.mtimeMs !== mtimeMs) {
    cached = { mtimeMs, tar: await tarOf("prober.mjs", await readFile(bundlePath)) };
    bundleTars.set(bundlePath, cached);
  }
  await container.putArchive(cached.tar, { path: target });
}
