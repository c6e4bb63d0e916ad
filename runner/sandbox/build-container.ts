// Build steps (npm ci, npm run build, …) in a container that may reach the package registry. The
// source is copied into a volume of the job's (volumes.ts) and the build writes its results there,
// inside the engine; the service later mounts that volume read-only.
import { existsSync } from "node:fs";
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
import { createJobVolume, putSource, volumeMount } from "./volumes";

const HOST_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";
const DISK_CHECK_INTERVAL_MS = 2_000;

/** Kilobytes under /app as `du` inside the build container counts them; null when it cannot say. */
async function usedKb(container: Docker.Container): Promise<number | null> {
  const exec = await container.exec({ Cmd: ["du", "-sk", "/app"], AttachStdout: true, AttachStderr: false, User: SANDBOX_USER });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  // The multiplexed stream frames each write with an 8-byte header; the figure is the first number after it.
  const text = Buffer.concat(chunks).toString("latin1");
  const match = /(\d+)\s+\/app/.exec(text);
  return match ? Number(match[1]) : null;
}

export interface BuildContext {
  docker: Docker;
  network: string;
  /** The engine shares this machine's files: the npm cache and the CA bundle can be bind-mounted. */
  local: boolean;
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
  const cache = spec.cache && context.local ? await context.npmCache.forBuild(job.submissionId) : null;
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
  const hasCa = context.local && existsSync(HOST_CA_BUNDLE);
  const volume = await createJobVolume(context.docker, job, "src");
  const binds: string[] = [];
  if (spec.cache && cache) binds.push(`${cache.dir}:${spec.cache.mount}`);
  if (hasCa) binds.push(`${HOST_CA_BUNDLE}:${HOST_CA_BUNDLE}:ro`);
  const buildMemoryMb = Math.max(limits.memoryMb, 1024);
  const container = await context.docker.createContainer({
    name: containerName(job.submissionId, "build"),
    Image: spec.image,
    // A fresh volume's root belongs to root (the engine copies the image's /app), and a tar entry
    // cannot change it: root hands it to the sandbox user, then setpriv drops to that user for good.
    Cmd: [
      "/bin/sh",
      "-c",
      `chown ${SANDBOX_USER} /app && exec setpriv --reuid=${SANDBOX_UID} --regid=${SANDBOX_UID} --clear-groups /bin/sh -c "$0"`,
      `set -e; ${spec.steps.map((step) => `echo "> ${step}"; ${step}`).join("; ")}`,
    ],
    WorkingDir: "/app",
    User: "0:0",
    Env: sandboxEnv({ ...spec.env, ...(hasCa && spec.caBundleEnv ? { [spec.caBundleEnv]: HOST_CA_BUNDLE } : {}) }),
    Labels: resourceLabels(job.submissionId, job.expiresAt),
    HostConfig: {
      ...lockedDown({ memoryMb: buildMemoryMb, pids: Math.max(limits.pids, 256), cpus: limits.cpus }, 1024 * 1024 * 1024, 4096, 256),
      ...context.cpu,
      CapAdd: ["CHOWN", "SETUID", "SETGID"],
      NetworkMode: context.network,
      Binds: binds,
      Mounts: [volumeMount(volume, "/app", false)],
    },
  });
  await putSource(container, job.sourceDir, "/app");
  const attached = await attachOutput(container, limits.logBytes, Number.POSITIVE_INFINITY, () => undefined);
  await container.start();
  const exited = exitInfo(container);
  const diskLimit = limits.buildDiskMb * 1024 * 1024;
  let diskExceeded = false;
  const watchdog = setInterval(() => {
    usedKb(container).then(
      (kb) => {
        if (kb === null || kb * 1024 <= diskLimit || diskExceeded) return;
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
  return { ok: true, kind: plan.kind, log, solution: { job, kind: plan.kind, image: plan.image, cmd: plan.command, mountSource: true, sourceVolume: volume } };
}
