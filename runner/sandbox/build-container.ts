// Build steps (npm ci, npm run build, …) in a container that may reach the package registry. The
// result stays in the solution folder, which the service later mounts read-only.
import { existsSync } from "node:fs";
import { lchown, lstat, readdir } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type Docker from "dockerode";
import { SANDBOX_UID } from "../images/recipes";
import { attachOutput, exitInfo } from "./attach";
import { resourceLabels } from "./cleanup";
import type { PrepareOutcome, SandboxJob } from "./driver";
import { sandboxEnv } from "./env";
import { containerName, ignoreNotFound, lockedDown, SANDBOX_USER } from "./host-config";
import type { BuildCache, NpmCacheStore } from "./npm-cache";
import type { BuildSpec, SolutionPlan } from "./runtimes/runtime";

const HOST_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";
const DISK_CHECK_INTERVAL_MS = 2_000;

async function chownTree(root: string, uid: number): Promise<void> {
  await lchown(root, uid, uid);
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) await chownTree(full, uid);
    else await lchown(full, uid, uid);
  }
}

/** Whether a folder holds more than `limit` bytes; stops counting as soon as it does. */
async function folderExceeds(root: string, limit: number): Promise<boolean> {
  let total = 0;
  const walk = async (dir: string): Promise<boolean> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (await walk(full)) return true;
      } else {
        total += (await lstat(full).catch(() => null))?.size ?? 0;
        if (total > limit) return true;
      }
    }
    return false;
  };
  return walk(root);
}

export interface BuildContext {
  docker: Docker;
  network: string;
  /** The shared package cache: each build gets its own linked copy (see npm-cache.ts). */
  npmCache: NpmCacheStore;
  /** Builds stay off the service cores and yield the CPU to a running test phase. */
  cpu: { CpusetCpus?: string; CpuShares: number };
}

type BuiltPlan = Extract<SolutionPlan, { kind: "node" | "node-built" | "python" }>;

/**
 * Runs the plan's build steps within the build deadline, memory and disk limits. A successful
 * build's new, hash-verified cache content joins the shared cache; nothing else of it does.
 */
export async function buildInContainer(context: BuildContext, job: SandboxJob, plan: BuiltPlan, spec: BuildSpec): Promise<PrepareOutcome> {
  await chownTree(job.sourceDir, SANDBOX_UID);
  const cache = spec.cache ? await context.npmCache.forBuild(job.submissionId) : null;
  try {
    const outcome = await runBuild(context, job, plan, spec, cache);
    if (outcome.ok && cache) await cache.promote();
    return outcome;
  } finally {
    await cache?.dispose();
  }
}

async function runBuild(context: BuildContext, job: SandboxJob, plan: BuiltPlan, spec: BuildSpec, cache: BuildCache | null): Promise<PrepareOutcome> {
  const { limits } = job;
  const hasCa = existsSync(HOST_CA_BUNDLE);
  const binds = [`${job.sourceDir}:/app`];
  if (spec.cache && cache) binds.push(`${cache.dir}:${spec.cache.mount}`);
  if (hasCa) binds.push(`${HOST_CA_BUNDLE}:${HOST_CA_BUNDLE}:ro`);
  const buildMemoryMb = Math.max(limits.memoryMb, 1024);
  const container = await context.docker.createContainer({
    name: containerName(job.submissionId, "build"),
    Image: spec.image,
    Cmd: ["/bin/sh", "-c", `set -e; ${spec.steps.map((step) => `echo "> ${step}"; ${step}`).join("; ")}`],
    WorkingDir: "/app",
    User: SANDBOX_USER,
    Env: sandboxEnv({ ...spec.env, ...(hasCa && spec.caBundleEnv ? { [spec.caBundleEnv]: HOST_CA_BUNDLE } : {}) }),
    Labels: resourceLabels(job.submissionId, job.expiresAt),
    HostConfig: {
      ...lockedDown({ memoryMb: buildMemoryMb, pids: Math.max(limits.pids, 256), cpus: limits.cpus }, 1024 * 1024 * 1024, 4096, 256),
      ...context.cpu,
      NetworkMode: context.network,
      Binds: binds,
    },
  });
  const attached = await attachOutput(container, limits.logBytes, Number.POSITIVE_INFINITY, () => undefined);
  await container.start();
  const exited = exitInfo(container);
  const diskLimit = limits.buildDiskMb * 1024 * 1024;
  let diskExceeded = false;
  const watchdog = setInterval(() => {
    folderExceeds(job.sourceDir, diskLimit).then(
      (exceeds) => {
        if (!exceeds || diskExceeded) return;
        diskExceeded = true;
        container.kill().catch(() => undefined);
      },
      () => undefined,
    );
  }, DISK_CHECK_INTERVAL_MS);
  const timedOut = await Promise.race([exited.then(() => false), sleep(limits.buildSeconds * 1000).then(() => true)]);
  clearInterval(watchdog);
  if (timedOut) await container.kill().catch(ignoreNotFound);
  const exit = await exited;
  await Promise.race([attached.ended, sleep(1000)]);
  await container.remove({ force: true }).catch(ignoreNotFound);
  const log = attached.output.text();
  const lastStep = spec.steps.filter((step) => log.includes(`> ${step}`)).pop() ?? spec.steps[0];
  if (diskExceeded) return { ok: false, reason: `build wrote more than ${limits.buildDiskMb} MB during ${lastStep}`, log };
  if (timedOut) return { ok: false, reason: `build did not finish within ${limits.buildSeconds} s (${lastStep})`, log };
  if (exit.oomKilled) return { ok: false, reason: `build ran out of memory (${buildMemoryMb} MB) during ${lastStep}`, log };
  if (exit.code !== 0) return { ok: false, reason: `build failed: ${lastStep} exited with code ${exit.code}`, log };
  return { ok: true, kind: plan.kind, log, solution: { job, kind: plan.kind, image: plan.image, cmd: plan.command, mountSource: true } };
}
