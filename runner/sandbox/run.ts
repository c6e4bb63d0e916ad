// Starts a prepared solution: the prober first, in a network namespace of its own with only
// loopback, then the service joined to that namespace. The prober's boot (≈ 0.3-1 s of parsing and
// schema compiling) overlaps the service's container start instead of following it.
import { setTimeout as sleep } from "node:timers/promises";
import type Docker from "dockerode";
import { RUNTIME_IMAGES } from "../images/recipes";
import { ProberWatch } from "../prober/watch";
import { attachOutput, exitInfo, type Attached } from "./attach";
import { resourceLabels } from "./cleanup";
import type { ExitInfo, PreparedSolution, ProbeRequest, RunningSolution } from "./driver";
import { runEnv, sandboxEnv } from "./env";
import { containerName, lockedDown, SANDBOX_USER, serviceHostConfig } from "./host-config";
import { cgroupPathsOf, PressureMonitor, type ContentionReport } from "./pressure";
import { createJobVolume, putProberBundle, putSource, volumeMount } from "./volumes";

/** Where a grading's containers run: its slot's cpusets, under the high-weight cgroup parent. */
export interface Placement {
  service: { CpusetCpus?: string; CgroupParent?: string };
  prober: { CpusetCpus?: string; CgroupParent?: string };
  /** Read the containers' CPU pressure (local engine only). */
  measure: boolean;
}

/** Measures both containers from the service's start until stop(); a side that cannot be read stays null. */
async function measureContention(service: Docker.Container, prober: Docker.Container): Promise<() => Promise<ContentionReport>> {
  const monitorOf = async (container: Docker.Container) => {
    const pid = (await container.inspect().catch(() => null))?.State.Pid ?? 0;
    const paths = pid > 0 ? await cgroupPathsOf(pid) : null;
    if (!paths) return null;
    // Often enough that a prober which exits right after a short run has left samples behind.
    const monitor = new PressureMonitor(paths, 250);
    await monitor.start();
    return monitor;
  };
  const [serviceMonitor, proberMonitor] = await Promise.all([monitorOf(service), monitorOf(prober)]);
  return async () => ({
    service: (await serviceMonitor?.stop()) ?? null,
    prober: (await proberMonitor?.stop()) ?? null,
  });
}

/** The prober starts before the service; its readiness wait covers the service's container start. */
const PROBER_HEADSTART_MS = 2_000;
/** Host-side backstop beyond the prober's own readiness deadline. */
const PROBER_START_GRACE_MS = 10_000;
const PROBER_LIMITS = { memoryMb: 512, pids: 64, cpus: 1 };
/** Mounted over the service's resolver file: a service without network has no resolver to know about. */
export const EMPTY_RESOLV_CONF = "/dev/null";

export interface RunningState extends RunningSolution {
  container: Docker.Container;
  watch: ProberWatch;
  attached: Attached;
  exitedValue: ExitInfo | null;
  exceeded: boolean;
  /** Ends the CPU pressure measurement; absent when not measured. */
  stopMeasuring?: () => Promise<ContentionReport>;
}

function proberCommand(solution: PreparedSolution, request: ProbeRequest): string[] {
  const { job } = solution;
  return [
    "node",
    "/prober/prober.mjs",
    "--base-url",
    `http://127.0.0.1:${job.port}`,
    "--readiness",
    request.readinessPath,
    "--ready-timeout-ms",
    String(job.limits.readySeconds * 1000 + PROBER_HEADSTART_MS),
    "--seed",
    String(request.seed),
  ];
}

export async function startSolution(
  docker: Docker,
  solution: PreparedSolution,
  request: ProbeRequest,
  placement: Placement = { service: {}, prober: {}, measure: false },
): Promise<RunningState> {
  const { job } = solution;
  const { limits } = job;
  const labels = resourceLabels(job.submissionId, job.expiresAt);
  // The prober's container carries the copies in: the bundle, and the source on the fast path.
  const fillSource = solution.mountSource && !solution.sourceVolume;
  const [probeVolume, sourceVolume] = await Promise.all([
    createJobVolume(docker, job, "probe"),
    fillSource ? createJobVolume(docker, job, "src") : Promise.resolve(solution.sourceVolume),
  ]);
  const prober = await docker.createContainer({
    name: containerName(job.submissionId, "probe"),
    Image: RUNTIME_IMAGES.node,
    Cmd: proberCommand(solution, request),
    User: SANDBOX_USER,
    // The scale is the runner's, not the candidate's: set here, outside the candidates' allowlist.
    Env: [
      ...sandboxEnv({ HOME: "/tmp", NODE_ENV: "production", LANG: "C.UTF-8" }),
      ...(request.latencyScale && request.latencyScale !== 1 ? [`HIREKIT_LATENCY_SCALE=${request.latencyScale}`] : []),
    ],
    Labels: labels,
    HostConfig: {
      ...lockedDown(PROBER_LIMITS, 64 * 1024 * 1024, 4096, 32),
      ...placement.prober,
      NetworkMode: "none",
      Mounts: [volumeMount(probeVolume, "/prober", false), ...(fillSource && sourceVolume ? [volumeMount(sourceVolume, "/submission", false)] : [])],
    },
  });
  await Promise.all([
    putProberBundle(prober, request.bundlePath, "/prober"),
    fillSource ? putSource(prober, job.sourceDir, "/submission") : Promise.resolve(),
  ]);
  const watch = new ProberWatch(request, limits);
  const proberAttached = await attachOutput(prober, 16 * 1024, 64 * 1024 * 1024, () => undefined, (chunk) => watch.push(chunk));
  // Joining a namespace needs its owner running only at start, so the service is created meanwhile.
  const [, container] = await Promise.all([
    prober.start(),
    docker.createContainer({
      name: containerName(job.submissionId, "svc"),
      Image: solution.image,
      ...(solution.cmd ? { Cmd: solution.cmd } : {}),
      ...(solution.mountSource ? { WorkingDir: "/app" } : {}),
      User: SANDBOX_USER,
      Env: runEnv(job.port),
      Labels: labels,
      HostConfig: {
        ...serviceHostConfig(limits),
        ...placement.service,
        NetworkMode: `container:${prober.id}`,
        Binds: [`${EMPTY_RESOLV_CONF}:/etc/resolv.conf:ro`],
        ...(solution.mountSource && sourceVolume ? { Mounts: [volumeMount(sourceVolume, "/app", true)] } : {}),
      },
    }),
  ]);
  const state = { exceeded: false, exitedValue: null } as RunningState;
  const attached = await attachOutput(container, limits.logBytes, limits.outputBytes, () => {
    state.exceeded = true;
    container.kill().catch(() => undefined);
  });
  await container.start();
  if (placement.measure) state.stopMeasuring = await measureContention(container, prober);
  const exited = exitInfo(container).then((info) => {
    state.exitedValue = info;
    watch.serviceExited(info);
    return info;
  });
  // Observed through the watch and collect; a daemon failure surfaces there.
  exited.catch((error: Error) => watch.fail(error));
  watch.armReadyDeadline(limits.readySeconds * 1000 + PROBER_START_GRACE_MS);
  exitInfo(prober).then(
    async (exit) => {
      await Promise.race([proberAttached.ended, sleep(1000)]);
      watch.proberExited(exit, proberAttached.output.text());
    },
    (error: Error) => watch.fail(error),
  );
  return Object.assign(state, {
    job,
    id: container.id,
    container,
    attached,
    exited,
    watch,
    outputExceeded: () => state.exceeded,
  });
}
