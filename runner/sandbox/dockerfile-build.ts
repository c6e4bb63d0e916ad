// Builds a solution's own Dockerfile. The submission's labels are written into the Dockerfile
// after every FROM, so each step's image and container carries them from the first step on: an
// interrupted build leaves nothing that destroy() or the sweep cannot find.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type Docker from "dockerode";
import { BUILD_LABEL, resourceLabels } from "./cleanup";
import { readJsonStream } from "./docker-stream";
import type { PrepareOutcome, SandboxJob } from "./driver";
import { collectTree, packContext, type ContextFile } from "./tar-context";

/** Inserts `LABEL k="v" …` after every FROM line (continuations included). */
export function labelledDockerfile(text: string, labels: Record<string, string>): string {
  const label = `LABEL ${Object.entries(labels)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join(" ")}`;
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  let inFrom = false;
  for (const line of lines) {
    out.push(line);
    if (!inFrom && /^\s*FROM\s/i.test(line)) inFrom = true;
    if (inFrom && !/\\\s*$/.test(line)) {
      out.push(label);
      inFrom = false;
    }
  }
  return out.join("\n");
}

export function submissionImageTag(submissionId: string): string {
  return `hirekit-submission:${submissionId
    .toLowerCase()
    .replace(/[^a-z0-9_.-]/g, "-")
    .slice(0, 100)}`;
}

export async function buildDockerfile(
  docker: Docker,
  network: string,
  job: SandboxJob,
  cpu: { cpusetcpus?: string; cpushares: number } = { cpushares: 1024 },
): Promise<PrepareOutcome> {
  const { limits } = job;
  const tag = submissionImageTag(job.submissionId);
  const labels = { ...resourceLabels(job.submissionId, job.expiresAt), [BUILD_LABEL]: randomBytes(8).toString("hex") };
  const files: ContextFile[] = [];
  for (const file of await collectTree(job.sourceDir, "")) {
    if (file.name === "Dockerfile" && file.sourcePath) {
      files.push({ name: file.name, mode: file.mode, content: labelledDockerfile(await readFile(file.sourcePath, "utf8"), labels) });
    } else files.push(file);
  }
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), limits.buildSeconds * 1000);
  const memory = Math.max(limits.memoryMb, 1024) * 1024 * 1024;
  try {
    const stream = (await docker.buildImage(
      packContext(files) as never,
      {
        t: tag,
        labels,
        rm: true,
        forcerm: true,
        pull: false,
        // Shared layer caches would let one candidate's build reuse (and read) another's layers.
        nocache: true,
        networkmode: network,
        memory,
        memswap: memory,
        cpuperiod: 100_000,
        cpuquota: Math.round(limits.cpus * 100_000),
        // Off the service cores, and behind a running test phase when sharing the prober's core.
        ...cpu,
        abortSignal: abort.signal,
      } as Docker.ImageBuildOptions,
    )) as NodeJS.ReadableStream;
    const result = await readJsonStream(stream as never, limits.logBytes);
    if (result.error) return { ok: false, reason: `build failed: ${result.error.trim().split("\n").pop()}`, log: result.log };
    return { ok: true, kind: "dockerfile", log: result.log, solution: { job, kind: "dockerfile", image: tag, mountSource: false } };
  } catch (error) {
    if (!abort.signal.aborted) throw error;
    return { ok: false, reason: `build did not finish within ${limits.buildSeconds} s`, log: "" };
  } finally {
    clearTimeout(timer);
  }
}
