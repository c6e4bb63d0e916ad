import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { PrismaClient } from "~/generated/prisma/client";
import { GRADING_QUEUE, gradingQueueOptions, JOB_RETENTION } from "../contract/queue";
import type { GradingCalibrationView } from "../pipeline/grade";
import { DockerSandboxDriver } from "../sandbox/docker-driver";
import type { SandboxDriver } from "../sandbox/driver";
import type { LimitOverrides } from "../sandbox/limits";
import { processGradingJob, type GradeJobOutcome } from "./grade-job";
import { WorkerHeartbeat } from "./heartbeat";
import { GradingMetrics } from "./metrics";
import { infraHealth, type InfraHealth } from "./infra-health";
import { jsonLog, type WorkerLog } from "./log";
import { OutageGate } from "./outage-gate";
import { reconcile } from "./reconciler";
import { Sweeper } from "./sweeper";

export interface GradingWorkerOptions {
  prisma: PrismaClient;
  /** Factory so the worker, the queue and the publisher each get their own connection. */
  redis: (purpose: "worker" | "producer" | "events") => Redis;
  assessmentsDir: string;
  concurrency: number;
  /** BullMQ key prefix; tests use their own so parallel suites never share jobs. */
  prefix?: string;
  driver?: SandboxDriver;
  /** Defaults to pinging the driver's engine and the database. */
  health?: InfraHealth;
  bundleDir?: string;
  /** Where work folders are made and swept (DATA_DIR/work by default). */
  workRoot?: string;
  limitOverrides?: LimitOverrides;
  /** This host's reference calibrations (latency scale, provenance); without it thresholds stay unscaled. */
  calibration?: GradingCalibrationView;
  /** How long a starved (inconclusive) run waits before its regrade, times its place in the round. */
  inconclusiveRetryMs?: number;
  /** How long a job's lock lives without renewal; a dead worker's job is recovered after it. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  reconcileIntervalMs?: number;
  reconcileGraceMs?: number;
  sweepIntervalMs?: number;
  /** Automatic regrades of an ERROR submission once the infrastructure answers again. */
  maxAutoRegrades?: number;
  /** How long a job put back for an outage waits before it may run again. */
  outageRetryMs?: number;
  /** How often a paused worker checks whether the infrastructure is back. */
  outageCheckMs?: number;
  /** How often the worker's heartbeat (runner/contract/heartbeat.ts) is written. */
  heartbeatIntervalMs?: number;
  /** Serve Prometheus metrics on this port (0: any free one); off when absent. */
  metrics?: { port: number; host: string };
  log?: WorkerLog;
}

export interface GradingWorker {
  worker: Worker<unknown, GradeJobOutcome>;
  queue: Queue;
  reconcileNow(): Promise<string[]>;
  sweepNow(): Promise<void>;
  /** Whether the worker is paused for an outage. */
  paused(): boolean;
  /** Where /metrics is served, when it is. */
  metricsPort: number | null;
  /** Stops taking jobs, waits for the running ones to finish, then closes connections. */
  close(): Promise<void>;
}

function repeat(fn: () => Promise<unknown>, ms: number): NodeJS.Timeout {
  const timer = setInterval(() => void fn(), ms);
  timer.unref();
  return timer;
}

export async function startGradingWorker(options: GradingWorkerOptions): Promise<GradingWorker> {
  const log: WorkerLog = options.log ?? jsonLog("hirekit-worker");
  const driver = options.driver ?? new DockerSandboxDriver();
  const health = options.health ?? infraHealth(options.prisma, driver);
  const sweeper = new Sweeper(driver, options.workRoot, log);
  await sweeper.run();

  const publisher = options.redis("events");
  publisher.on("error", (error: Error) => log(`progress publisher: ${error.message}`));
  const queueConnection = options.redis("worker");
  const queue = new Queue(GRADING_QUEUE, { connection: queueConnection, ...gradingQueueOptions(options.prefix) });
  const workerConnection = options.redis("worker");
  const metrics = new GradingMetrics(queue);
  const metricsServer = options.metrics ? await metrics.serve(options.metrics.port, options.metrics.host) : null;
  if (metricsServer && options.metrics) log(`metrics on http://${options.metrics.host}:${metricsServer.port}/metrics`);
  // The gate pauses the worker defined below; it is only called once jobs run.
  const gate = new OutageGate(
    { pause: (doNotWaitActive) => worker.pause(doNotWaitActive), resume: () => worker.resume() },
    health,
    options.outageCheckMs ?? 5_000,
    log,
  );
  const worker = new Worker<unknown, GradeJobOutcome>(
    GRADING_QUEUE,
    (job, token) =>
      processGradingJob(
        job,
        {
          prisma: options.prisma,
          publisher,
          driver,
          health,
          assessmentsDir: options.assessmentsDir,
          bundleDir: options.bundleDir,
          workRoot: options.workRoot,
          limitOverrides: options.limitOverrides,
          calibration: options.calibration,
          inconclusiveRetryMs: options.inconclusiveRetryMs,
          onOutage: (cause) => gate.enter(cause),
          outageRetryMs: options.outageRetryMs,
          log,
          metrics,
        },
        token,
      ),
    {
      connection: workerConnection,
      ...(options.prefix ? { prefix: options.prefix } : {}),
      concurrency: options.concurrency,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 15_000,
      maxStalledCount: 2,
      ...JOB_RETENTION,
    },
  );
  worker.on("error", (error) => log(`queue error: ${error.message}`));
  const heartbeat = new WorkerHeartbeat({
    redis: publisher,
    concurrency: options.concurrency,
    prefix: options.prefix ?? "bull",
    ping: () => driver.ping(),
    paused: () => gate.active(),
    log,
  });
  worker.on("completed", (_job, outcome) => {
    heartbeat.recordJob(outcome.submissionId, "status" in outcome ? outcome.status : `skipped: ${outcome.skipped}`);
  });
  worker.on("failed", (job) => {
    if (job?.id) heartbeat.recordJob(job.id, "attempt failed");
  });
  worker.on("stalled", (jobId) => log(`job ${jobId} stalled (its worker stopped renewing the lock); it runs again`));

  let reconciling: Promise<string[]> | null = null;
  const reconcileNow = () => {
    reconciling ??= (async () => {
      const status = await health.check();
      const report = await reconcile(options.prisma, queue, {
        graceMs: options.reconcileGraceMs ?? 30_000,
        regradeErrors: status.healthy,
        maxAutoRegrades: options.maxAutoRegrades,
        publisher,
      });
      if (report.enqueued.length > 0) log(`reconciler re-enqueued ${report.enqueued.join(", ")}`);
      if (report.regraded.length > 0) log(`reconciler regrades ${report.regraded.join(", ")} (ended ERROR; the infrastructure answers again)`);
      return [...report.enqueued, ...report.regraded];
    })().finally(() => {
      reconciling = null;
    });
    return reconciling;
  };
  const runReconcile = () =>
    reconcileNow().catch((error: unknown) => {
      log(`reconciler failed: ${(error as Error).message}`);
      return [];
    });
  await worker.waitUntilReady();
  await heartbeat.start(options.heartbeatIntervalMs ?? 10_000);
  await runReconcile();
  const timers = [repeat(runReconcile, options.reconcileIntervalMs ?? 30_000), repeat(() => sweeper.run(), options.sweepIntervalMs ?? 60_000)];

  let closing: Promise<void> | null = null;
  return {
    worker,
    queue,
    reconcileNow,
    sweepNow: () => sweeper.run(),
    paused: () => gate.active(),
    metricsPort: metricsServer?.port ?? null,
    close: () => {
      closing ??= (async () => {
        for (const timer of timers) clearInterval(timer);
        gate.stop();
        await worker.close();
        await reconciling?.catch(() => undefined);
        await sweeper.idle();
        await heartbeat.stop();
        metricsServer?.server.close();
        await queue.close();
        for (const connection of [publisher, queueConnection, workerConnection]) connection.disconnect();
      })();
      return closing;
    },
  };
}
