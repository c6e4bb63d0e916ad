import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { PrismaClient } from "~/generated/prisma/client";
import { GRADING_JOB_OPTIONS, GRADING_QUEUE } from "../queue/jobs";
import { DockerSandboxDriver } from "../sandbox/docker-driver";
import type { SandboxDriver } from "../sandbox/driver";
import type { LimitOverrides } from "../sandbox/limits";
import { processGradingJob, type GradeJobOutcome } from "./grade-job";
import { reconcile } from "./reconciler";

export interface GradingWorkerOptions {
  prisma: PrismaClient;
  /** Factory so the worker, the queue and the publisher each get their own connection. */
  redis: (purpose: "worker" | "producer" | "events") => Redis;
  assessmentsDir: string;
  concurrency: number;
  /** BullMQ key prefix; tests use their own so parallel suites never share jobs. */
  prefix?: string;
  driver?: SandboxDriver;
  bundleDir?: string;
  limitOverrides?: LimitOverrides;
  /** How long a job's lock lives without renewal; a dead worker's job is recovered after it. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  reconcileIntervalMs?: number;
  reconcileGraceMs?: number;
  log?: (line: string) => void;
}

export interface GradingWorker {
  worker: Worker<unknown, GradeJobOutcome>;
  queue: Queue;
  reconcileNow(): Promise<string[]>;
  /** Stops taking jobs, waits for the running ones to finish, then closes connections. */
  close(): Promise<void>;
}

export async function startGradingWorker(options: GradingWorkerOptions): Promise<GradingWorker> {
  const log = options.log ?? ((line: string) => console.log(`[worker] ${line}`));
  const driver = options.driver ?? new DockerSandboxDriver();
  const swept = await driver.sweep();
  if (swept.containers + swept.images + swept.volumes + swept.networks > 0) {
    log(
      `removed leftovers of earlier workers: ${swept.containers} containers, ${swept.images} images, ${swept.volumes} volumes, ${swept.networks} networks`,
    );
  }

  const publisher = options.redis("events");
  publisher.on("error", (error: Error) => log(`progress publisher: ${error.message}`));
  const queueConnection = options.redis("worker");
  const queue = new Queue(GRADING_QUEUE, {
    connection: queueConnection,
    prefix: options.prefix,
    defaultJobOptions: GRADING_JOB_OPTIONS,
  });
  const workerConnection = options.redis("worker");
  const worker = new Worker<unknown, GradeJobOutcome>(
    GRADING_QUEUE,
    (job) =>
      processGradingJob(job, {
        prisma: options.prisma,
        publisher,
        driver,
        assessmentsDir: options.assessmentsDir,
        bundleDir: options.bundleDir,
        limitOverrides: options.limitOverrides,
        log,
      }),
    {
      connection: workerConnection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 15_000,
      maxStalledCount: 2,
      removeOnComplete: { count: 1000, age: 7 * 24 * 3600 },
      removeOnFail: { count: 5000, age: 30 * 24 * 3600 },
    },
  );
  worker.on("error", (error) => log(`queue error: ${error.message}`));
  worker.on("stalled", (jobId) => log(`job ${jobId} stalled (its worker stopped renewing the lock); it runs again`));

  let reconciling: Promise<string[]> | null = null;
  const reconcileNow = () => {
    reconciling ??= reconcile(options.prisma, queue, options.reconcileGraceMs ?? 30_000)
      .then((report) => {
        if (report.enqueued.length > 0) log(`reconciler re-enqueued ${report.enqueued.join(", ")}`);
        return report.enqueued;
      })
      .finally(() => {
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
  await runReconcile();
  const timer = setInterval(runReconcile, options.reconcileIntervalMs ?? 30_000);
  timer.unref();

  let closing: Promise<void> | null = null;
  return {
    worker,
    queue,
    reconcileNow,
    close: () => {
      closing ??= (async () => {
        clearInterval(timer);
        await worker.close();
        await reconciling?.catch(() => undefined);
        await queue.close();
        for (const connection of [publisher, queueConnection, workerConnection]) connection.disconnect();
      })();
      return closing;
    },
  };
}
