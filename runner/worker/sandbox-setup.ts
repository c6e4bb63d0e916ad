// How a worker (or the fairness bench) sets up the grading sandbox on its host: the CPU layout
// (one service cpuset per grading slot, lowering the concurrency a host cannot isolate), the
// high-weight cgroup parent, and the read-only shared npm cache.
import { execFile } from "node:child_process";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import type Docker from "dockerode";
import { SANDBOX_UID } from "../images/recipes";
import { planCpuLayout, parseCpuList, type CpuLayout } from "../sandbox/cpu-slots";
import { ensureGradingCgroup, type CgroupWeightOutcome } from "../sandbox/cpu-weight";
import { dockerClient } from "../sandbox/docker-client";
import { DockerSandboxDriver } from "../sandbox/docker-driver";
import { NpmCacheStore } from "../sandbox/npm-cache";
import { dataPath, dockerHost } from "../settings";

const execFileAsync = promisify(execFile);

export interface GradingSandbox {
  driver: DockerSandboxDriver;
  layout: CpuLayout;
  cgroup: CgroupWeightOutcome;
  /** The engine runs on this machine: cgroups (pressure) and bind mounts are reachable. */
  local: boolean;
}

/** Whole cores one service needs: the largest `limits.cpus` among the assessments, rounded up. */
export async function coresPerService(assessmentsDir: string): Promise<number> {
  let most = 1;
  for (const entry of await readdir(assessmentsDir, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory()) continue;
    const text = await readFile(path.join(assessmentsDir, entry.name, "assessment.json"), "utf8").catch(() => null);
    const cpus = text === null ? undefined : (JSON.parse(text) as { limits?: { cpus?: unknown } }).limits?.cpus;
    if (typeof cpus === "number" && cpus > most) most = cpus;
  }
  return Math.ceil(most);
}

/** The cores this process may use on a local engine; all of the engine's on a remote one. */
async function hostCores(local: boolean, engineCpus: number): Promise<number[]> {
  const all = Array.from({ length: Math.max(1, engineCpus) }, (_, i) => i);
  if (!local) return all;
  const status = await readFile("/proc/self/status", "utf8").catch(() => "");
  const allowed = /^Cpus_allowed_list:\s*(\S+)/m.exec(status)?.[1];
  if (!allowed) return all;
  const mine = parseCpuList(allowed).filter((core) => core < engineCpus);
  return mine.length > 0 ? mine : all;
}

/** Keeps the worker's own threads off the service cores (best effort: taskset may be missing). */
async function pinToBuildCores(cpus: string): Promise<string> {
  try {
    await execFileAsync("taskset", ["--all-tasks", "--cpu-list", "--pid", cpus, String(process.pid)]);
    return `worker pinned to cores ${cpus}`;
  } catch (error) {
    return `worker not pinned to cores ${cpus}: ${(error as Error).message.split("\n")[0]}`;
  }
}

export async function setUpGradingSandbox(options: {
  requestedConcurrency: number;
  assessmentsDir: string;
  docker?: Docker;
  log: (line: string) => void;
}): Promise<GradingSandbox> {
  const docker = options.docker ?? dockerClient();
  const host = dockerHost();
  const local = !host || host.startsWith("unix://");
  const info = (await docker.info()) as { NCPU?: number; CgroupDriver?: string };
  const layout = planCpuLayout({
    cores: await hostCores(local, info.NCPU ?? 1),
    requestedConcurrency: options.requestedConcurrency,
    coresPerService: await coresPerService(options.assessmentsDir),
  });
  for (const warning of layout.warnings) options.log(`cpu: ${warning}`);
  options.log(
    `cpu: ${layout.slots.map((slot) => `slot ${slot.index} service ${slot.serviceCpus} prober ${slot.proberCpus}`).join("; ")}; builds ${layout.buildCpus}`,
  );
  if (local && layout.isolated) options.log(`cpu: ${await pinToBuildCores(layout.buildCpus)}`);
  const cgroup = await ensureGradingCgroup({ local, cgroupDriver: info.CgroupDriver });
  options.log(`cpu: ${cgroup.parent ? cgroup.detail : `no grading cgroup parent (${cgroup.detail})`}`);
  const npmCache = new NpmCacheStore(dataPath("cache", "npm"), SANDBOX_UID);
  const swept = await npmCache.sweep();
  if (swept > 0) options.log(`npm cache: removed ${swept} build folders of stopped workers`);
  const driver = new DockerSandboxDriver({
    docker,
    cpu: { layout, cgroupParent: cgroup.parent },
    npmCache,
    local,
  });
  return { driver, layout, cgroup, local };
}
