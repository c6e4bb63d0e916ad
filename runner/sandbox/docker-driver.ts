// The Docker Engine implementation of the sandbox: it composes the build paths, the run and the
// diagnostics, each in its own module.
import { setTimeout as sleep } from "node:timers/promises";
import type Docker from "dockerode";
import { buildInContainer, CacheVolumes } from "./build-container";
import { removeSubmissionResources, sweepLeftovers } from "./cleanup";
import { detectSolution } from "./detect";
import { diagnose } from "./diagnostics";
import { dockerClient } from "./docker-client";
import { buildDockerfile } from "./dockerfile-build";
import type { PreparedSolution, PrepareOutcome, ProbeOutcome, ProbeRequest, RunningSolution, RunReport, SandboxDriver, SandboxJob } from "./driver";
import { startSolution, type RunningState } from "./run";

export interface DockerDriverOptions {
  docker?: Docker;
  /** Network for build containers and Dockerfile builds, which may fetch packages. */
  buildNetwork?: string;
}

export class DockerSandboxDriver implements SandboxDriver {
  private readonly docker: Docker;
  private readonly buildNetwork: string;
  private readonly caches: CacheVolumes;

  constructor(options: DockerDriverOptions = {}) {
    this.docker = options.docker ?? dockerClient();
    this.buildNetwork = options.buildNetwork ?? "bridge";
    this.caches = new CacheVolumes(this.docker);
  }

  async ping(): Promise<void> {
    await this.docker.ping();
  }

  async prepare(job: SandboxJob): Promise<PrepareOutcome> {
    const detected = await detectSolution(job.sourceDir);
    if (!detected.ok) return { ok: false, reason: detected.reason, log: "" };
    const plan = detected.plan;
    if (plan.kind === "dockerfile") return buildDockerfile(this.docker, this.buildNetwork, job);
    if (plan.build) return buildInContainer({ docker: this.docker, network: this.buildNetwork, caches: this.caches }, job, plan, plan.build);
    return { ok: true, kind: plan.kind, log: "", solution: { job, kind: plan.kind, image: plan.image, cmd: plan.command, mountSource: true } };
  }

  start(solution: PreparedSolution, request: ProbeRequest): Promise<RunningSolution> {
    return startSolution(this.docker, solution, request);
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
    return {
      log: state.attached.output.text(),
      outputBytes: state.attached.output.total,
      outputExceeded: state.exceeded,
      exit: state.exitedValue,
      ...diagnosis,
    };
  }

  destroy(submissionId: string) {
    return removeSubmissionResources(this.docker, submissionId);
  }

  sweep() {
    return sweepLeftovers(this.docker);
  }
}
