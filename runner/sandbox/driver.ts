// The sandbox seen by the pipeline. The Docker Engine driver implements it today; a Kubernetes-Jobs
// driver can replace it without touching the queue, the pipeline or scoring.
import type { TestResult } from "../prober/contract";
import type { CleanupReport } from "./cleanup";
import type { SandboxLimits } from "./limits";
import type { ContentionReport } from "./pressure";

export interface SandboxJob {
  submissionId: string;
  /** The extracted project root on the worker's disk. */
  sourceDir: string;
  limits: SandboxLimits;
  port: number;
  /** Epoch ms after which any resource of this job counts as a leftover. */
  expiresAt: number;
}

export type PrepareOutcome =
  | { ok: true; solution: PreparedSolution; log: string; kind: SolutionKind }
  | { ok: false; reason: string; log: string };

export type SolutionKind = "node" | "node-built" | "python" | "dockerfile";

export interface PreparedSolution {
  job: SandboxJob;
  kind: SolutionKind;
  image: string;
  /** Overrides the image's command; the Dockerfile path keeps the image's own. */
  cmd?: string[];
  /** Where the source is mounted read-only, when it is not inside the image. */
  mountSource: boolean;
  /** The engine volume already holding the source (and a build's results); absent: start() fills one. */
  sourceVolume?: string;
}

export interface ExitInfo {
  code: number;
  oomKilled: boolean;
}

export interface RunningSolution {
  job: SandboxJob;
  id: string;
  /** Resolves when the service's container stops, for whatever reason. */
  exited: Promise<ExitInfo>;
  /** True once the service wrote more than limits.outputBytes and was stopped for it. */
  outputExceeded(): boolean;
}

export type ProberEvent =
  | { type: "ready"; ms: number }
  | { type: "not-ready"; message: string }
  | { type: "start"; total: number }
  | ({ type: "result" } & TestResult)
  | { type: "done" };

export interface ProbeRequest {
  /** The prober bundle (.mjs) on the worker's disk; copied into the engine for each grading. */
  bundlePath: string;
  readinessPath: string;
  seed: number;
  /** Stretches the assessment's latency thresholds on a host its reference calibrated as slow (prober env HIREKIT_LATENCY_SCALE). */
  latencyScale?: number;
  onEvent?: (event: ProberEvent) => void;
}

export type ProbeOutcome =
  | { kind: "completed"; readyMs: number; total: number; results: TestResult[] }
  | { kind: "not-ready"; message: string }
  | { kind: "exited-before-ready"; exit: ExitInfo }
  | { kind: "tests-timeout"; readyMs: number; total: number; results: TestResult[] };

export interface RunReport {
  log: string;
  outputBytes: number;
  outputExceeded: boolean;
  /** null while the service is still running. */
  exit: ExitInfo | null;
  /** TCP ports the service listens on (known only while it runs on a local engine). */
  listeningPorts: number[] | null;
  /** limitHit: a fork was refused at the process limit at some point. */
  pids: { current: number; limit: number; limitHit: boolean } | null;
  /** The service was running on (or waiting for) the CPU nearly all the time it was sampled. */
  cpuBusy: boolean | null;
  /** CPU the host denied the service and the prober while they ran (null where cgroups are not readable). */
  contention: ContentionReport | null;
  /** Why the run cannot count as the candidate's result (the host starved it), or null. */
  starved: string | null;
}

export interface SandboxDriver {
  /** Resolves when the engine answers; rejects while it is unreachable. */
  ping(): Promise<void>;
  prepare(job: SandboxJob): Promise<PrepareOutcome>;
  /** Starts the service and the prober that will test it. */
  start(solution: PreparedSolution, request: ProbeRequest): Promise<RunningSolution>;
  /** Waits for the prober: readiness, then the tests, within the job's deadlines. */
  probe(running: RunningSolution): Promise<ProbeOutcome>;
  /** diagnose: also look at ports, processes and CPU (costs ~0.3 s; for a service that never became ready). */
  collect(running: RunningSolution, options?: { diagnose: boolean }): Promise<RunReport>;
  destroy(submissionId: string): Promise<CleanupReport>;
  /** Removes leftovers of dead workers and anything past its expiry; the worker calls it on a timer. */
  sweep(): Promise<CleanupReport>;
}
