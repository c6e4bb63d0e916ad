// What a service that never became ready was doing, read from the host's /proc and cgroups
// (a local engine only): listening ports, refused forks, CPU busy.
import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import type Docker from "dockerode";
import type { RunReport } from "./driver";

/** Reads the TCP ports a container's network namespace listens on, through the host's /proc. */
export async function listeningPorts(pid: number): Promise<number[] | null> {
  const ports = new Set<number>();
  let readAny = false;
  for (const file of ["tcp", "tcp6"]) {
    const text = await readFile(`/proc/${pid}/net/${file}`, "utf8").catch(() => null);
    if (text === null) continue;
    readAny = true;
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] === "0A") ports.add(Number.parseInt(fields[1].split(":").pop() ?? "", 16));
    }
  }
  return readAny ? [...ports].sort((a, b) => a - b) : null;
}

/** Reads a cgroup file of a container on a local engine (cgroup v1 or v2 layouts); null if unavailable. */
export async function readCgroupFile(containerId: string, controller: string, file: string): Promise<string | null> {
  const candidates = [
    `/sys/fs/cgroup/${controller}/docker/${containerId}/${file}`,
    `/sys/fs/cgroup/docker/${containerId}/${file}`,
    `/sys/fs/cgroup/system.slice/docker-${containerId}.scope/${file}`,
  ];
  for (const candidate of candidates) {
    const text = await readFile(candidate, "utf8").catch(() => null);
    if (text !== null) return text;
  }
  return null;
}

/**
 * Whether some process of the container is runnable (state R) in most of a few samples. Unlike CPU
 * time over wall time, this holds on a contended host, where a spinning service may get little CPU.
 */
export async function sampleBusy(containerId: string, samples = 8, intervalMs = 25): Promise<boolean | null> {
  let busy = 0;
  let seen = 0;
  for (let i = 0; i < samples; i += 1) {
    const procs = await readCgroupFile(containerId, "pids", "cgroup.procs");
    if (procs === null) return null;
    let running = false;
    for (const pid of procs.split("\n").filter(Boolean)) {
      const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
      // The state follows the parenthesised command name, which may itself contain spaces.
      if (stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "R") running = true;
    }
    seen += 1;
    if (running) busy += 1;
    await sleep(intervalMs);
  }
  return seen > 0 ? busy / seen >= 0.75 : null;
}

export type Diagnosis = Pick<RunReport, "listeningPorts" | "pids" | "cpuBusy">;

/** Ports, processes and CPU of a running service container (costs ~0.3 s). */
export async function diagnose(container: Docker.Container, pidsLimit: number): Promise<Diagnosis> {
  let listening: number[] | null = null;
  let pids: RunReport["pids"] = null;
  const info = await container.inspect().catch(() => null);
  if (info?.State.Running && info.State.Pid > 0) listening = await listeningPorts(info.State.Pid);
  const oneShot = { stream: false, "one-shot": true } as unknown as { stream: false };
  const stats = (await container.stats(oneShot).catch(() => null)) as { pids_stats?: { current?: number } } | null;
  // pids.events counts forks refused at the limit; a fork bomb's live count rises and falls.
  const events = await readCgroupFile(container.id, "pids", "pids.events");
  const refusedForks = Number(/max (\d+)/.exec(events ?? "")?.[1] ?? 0);
  const current = stats?.pids_stats?.current;
  if (current !== undefined || events !== null) {
    pids = { current: current ?? 0, limit: pidsLimit, limitHit: refusedForks > 0 || (current ?? 0) >= pidsLimit - 2 };
  }
  return { listeningPorts: listening, pids, cpuBusy: await sampleBusy(container.id) };
}
