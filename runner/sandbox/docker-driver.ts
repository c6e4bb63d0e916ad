// The Docker Engine implementation of the sandbox: it composes the build paths, the run and the
// diagnostics, each in its own module.
import { setTimeout as sleep } from "node:timers/promises";
import type Docker from "dockerode";
import { SANDBOX_UID } from "../images/recipes";
import { dataPath, dockerHost } from "../settings";
import { buildInContainer } from "./build-container";
import { removeSubmissionResources, sweepLeftovers } from "./cleanup";
import { detectSolution } from "./detect";
import { diagnose } from "./diagnostics";
import { CpuSlotPool, type CpuLayout, type CpuSlot } from "./cpu-slots";
import { dockerClient } from "./docker-client";
import { buildDockerfile } from "./dockerfile-build";
import type { PreparedSolution, PrepareOutcome, ProbeOutcome, ProbeRequest, RunningSolution, RunReport, SandboxDriver, SandboxJob } from "./driver";
import { NpmCacheStore } from "./npm-cache";
import { starvationVerdict, type ContentionReport } from "./pressure";
import { startSolution, type Placement, type RunningState } from "./run";

/** Builds' CPU weight beside a running test phase's prober (the default is 1024). */
const BUILD_CPU_SHARES = 128;

export interface DockerDriverOptions {
  docker?: Docker;
  /** Network for build containers and Dockerfile builds, which may fetch packages. */
  buildNetwork?: string;
  /** The worker's CPU layout (one slot per concurrent grading) and the high-weight cgroup parent. */
  cpu?: { layout: CpuLayout; cgroupParent: string | null };
  /** The shared npm cache (DATA_DIR/cache/npm by default). */
  npmCache?: NpmCacheStore;
  /** The engine runs on this machine (default: no DOCKER_HOST, or a unix socket): host files may be bind-mounted. */
  local?: boolean;
  /** Whether the host starved a run (default: the calibrated thresholds of sandbox/pressure.ts). */
  judgeContention?: (report: ContentionReport) => string | null;
}

export class DockerSandboxDriver implements SandboxDriver {
  private readonly docker: Docker;
  private readonly buildNetwork: string;
  private readonly npmCache: NpmCacheStore;
  private readonly cpu: DockerDriverOptions["cpu"];
  private readonly slotPool: CpuSlotPool | null;
  /** The slot each submission holds from its start until destroy(). */
  private readonly slots = new Map<string, CpuSlot>();
  private readonly judgeContention: (report: ContentionReport) => string | null;
  private readonly local: boolean;

  constructor(options: DockerDriverOptions = {}) {
    this.docker = options.docker ?? dockerClient();
    this.buildNetwork = options.buildNetwork ?? "bridge";
    this.npmCache = options.npmCache ?? new NpmCacheStore(dataPath("cache", "npm"), SANDBOX_UID);
    this.cpu = options.cpu;
    this.slotPool = options.cpu ? new CpuSlotPool(options.cpu.layout) : null;
    this.judgeContention = options.judgeContention ?? ((report) => starvationVerdict(report));
    const host = dockerHost();
    this.local = options.local ?? (!host || host.startsWith("unix://"));
  }

  async ping(): Promise<void> {
    await this.docker.ping();
  }

  async prepare(job: SandboxJob): Promise<PrepareOutcome> {
    const detected = await detectSolution(job.sourceDir);
    if (!detected.ok) return { ok: false, reason: detected.reason, log: "" };
    const plan = detected.plan;
    const buildCpus = this.cpu?.layout.isolated ? this.cpu.layout.buildCpus : undefined;
    if (plan.kind === "dockerfile") {
      return buildDockerfile(this.docker, this.buildNetwork, job, { ...(buildCpus ? { cpusetcpus: buildCpus } : {}), cpushares: BUILD_CPU_SHARES });
    }
    if (plan.build) {
      const cpu = { ...(buildCpus ? { CpusetCpus: buildCpus } : {}), CpuShares: BUILD_CPU_SHARES };
      return buildInContainer({ docker: this.docker, network: this.buildNetwork, local: this.local, npmCache: this.npmCache, cpu }, job, plan, plan.build);
    }
    return { ok: true, kind: plan.kind, log: "", solution: { job, kind: plan.kind, image: plan.image, cmd: plan.command, mountSource: true } };
  }

  async start(solution: PreparedSolution, request: ProbeRequest): Promise<RunningSolution> {
    return startSolution(this.docker, solution, request, await this.placement(solution.job.submissionId));
  }

  /** Takes a CPU slot for the submission (kept until destroy) and says where its containers run. */
  private async placement(submissionId: string): Promise<Placement> {
    if (!this.slotPool || !this.cpu) return { service: {}, prober: {}, measure: true };
    let slot = this.slots.get(submissionId);
    if (!slot) {
      slot = await this.slotPool.acquire();
      this.slots.set(submissionId, slot);
    }
    const parent = this.cpu.cgroupParent ? { CgroupParent: this.cpu.cgroupParent } : {};
    return {
      service: { ...parent, CpusetCpus: slot.serviceCpus },
      prober: { ...parent, CpusetCpus: slot.proberCpus },
      measure: true,
    };
  }

  probe(running: RunningSolution): Promise<ProbeOutcome> {
    return (running as RunningState).watch.outcome;
  }

  async collect(running: RunningSolution, options: { diagnose: boolean } = { diagnose: false }): Promise<RunReport> {
    const state = running as RunningState;
    if (state.exitedValue) await Promise.race([state.attached.ended, sleep(1000)]);
    const diagnosis =
      options.diagnose && !state.exitedValue
        ? await diagnose(state.container, state.job.limits.pids)
        : { listeningPorts: null, pids: null, cpuBusy: null };
    const contention = state.stopMeasuring ? await state.stopMeasuring() : null;
    state.stopMeasuring = undefined;
    return {
      contention,
      starved: contention ? this.judgeContention(contention) : null,
      log: state.attached.output.text(),
      outputBytes: state.attached.output.total,
      outputExceeded: state.exceeded,
      exit: state.exitedValue,
      ...diagnosis,
    };
  }

  async destroy(submissionId: string) {
    try {
      return await removeSubmissionResources(this.docker, submissionId);
    } finally {
      const slot = this.slots.get(submissionId);
      if (slot) {
        this.slots.delete(submissionId);
        this.slotPool?.release(slot);
      }
    }
  }

  sweep() {
    return sweepLeftovers(this.docker);
  }
}
