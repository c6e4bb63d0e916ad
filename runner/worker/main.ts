// The grading worker: `npx tsx runner/worker/main.ts`. Configuration comes from the environment
// through runner/settings.ts (DATABASE_URL, REDIS_URL, RUNNER_CONCURRENCY, ASSESSMENTS_DIR,
// DATA_DIR and the RUNNER_* settings).
import { hostname } from "node:os";
import path from "node:path";
import { createPrismaClient, openRedis } from "../contract/connections";
import { calibrateReferences, CalibrationBook, runtimeImageKey } from "../calibration/calibrate";
import { ensureRuntimeImages } from "../images/ensure";
import { dockerClient } from "../sandbox/docker-client";
import { dataPath, runnerSettings } from "../settings";
import { jsonLog } from "./log";
import { setUpGradingSandbox } from "./sandbox-setup";
import { startWebhookConsumer } from "../webhooks/consumer";
import { defaultFromAddress, startMailConsumer } from "../mail/consumer";
import { emitSubmissionResult } from "../webhooks/submission-events";
import { startGradingWorker } from "./worker";
import { startSimilarityWorker } from "../similarity/worker";

const log = jsonLog("hirekit-worker");

async function main() {
  const settings = runnerSettings();
  const images = await ensureRuntimeImages({ log: (line) => log(`images: ${line}`) });
  for (const action of images.actions) log(`images: ${action}`);

  const prisma = createPrismaClient(settings.DATABASE_URL, { max: Math.max(4, settings.RUNNER_CONCURRENCY * 2) });
  const assessmentsDir = path.resolve(settings.ASSESSMENTS_DIR);
  // One CPU slot per concurrent grading; a host with too few cores lowers the concurrency here.
  const sandbox = await setUpGradingSandbox({ requestedConcurrency: settings.RUNNER_CONCURRENCY, assessmentsDir, docker: dockerClient(), log });
  const concurrency = sandbox.layout.concurrency;
  const runtimeImage = await runtimeImageKey(dockerClient());
  const calibration = await calibrateReferences({
    prisma,
    driver: sandbox.driver,
    assessmentsDir,
    runtimeImage,
    bundleDir: dataPath("cache", "prober"),
    workRoot: dataPath("work"),
    log: (line) => log(`calibration: ${line}`),
  }).catch((error: unknown) => {
    log(`calibration: failed (${(error as Error).message}); latency thresholds stay unscaled`);
    return new CalibrationBook(hostname(), runtimeImage);
  });
  const grading = await startGradingWorker({
    prisma,
    redis: (purpose) => openRedis(purpose, settings.REDIS_URL),
    assessmentsDir,
    concurrency,
    driver: sandbox.driver,
    calibration,
    prefix: settings.RUNNER_QUEUE_PREFIX,
    workRoot: dataPath("work"),
    bundleDir: dataPath("cache", "prober"),
    lockDurationMs: settings.RUNNER_LOCK_SECONDS * 1000,
    stalledIntervalMs: settings.RUNNER_STALLED_CHECK_SECONDS * 1000,
    reconcileIntervalMs: settings.RUNNER_RECONCILE_SECONDS * 1000,
    reconcileGraceMs: settings.RUNNER_RECONCILE_GRACE_SECONDS * 1000,
    sweepIntervalMs: settings.RUNNER_SWEEP_SECONDS * 1000,
    ...(settings.WORKER_METRICS_PORT ? { metrics: { port: settings.WORKER_METRICS_PORT, host: settings.WORKER_METRICS_HOST } } : {}),
    log,
  });
  // The similarity check queues itself when a grading job completes (runner/similarity/worker.ts).
  const similarity = await startSimilarityWorker({ prisma, redis: (purpose) => openRedis(purpose, settings.REDIS_URL), assessmentsDir, prefix: settings.RUNNER_QUEUE_PREFIX, log });

  // Webhook deliveries run here too, and every job that ends announces its submission's final
  // state (submission.graded / submission.failed; emitSubmissionResult sends each state once).
  const publicUrl = settings.PUBLIC_URL ?? "http://127.0.0.1:3000";
  const webhooks = await startWebhookConsumer({
    prisma,
    redis: () => openRedis("worker", settings.REDIS_URL),
    prefix: settings.RUNNER_QUEUE_PREFIX,
    allowHttp: settings.NODE_ENV === "development",
    publicUrl,
    log: (line) => log(`webhooks: ${line}`),
  });
  // Invitation mail is queued by the web app after its transaction commits (app/lib/outbox.server.ts).
  const mail = settings.SMTP_URL
    ? await startMailConsumer({
        prisma,
        redis: () => openRedis("worker", settings.REDIS_URL),
        prefix: settings.RUNNER_QUEUE_PREFIX,
        smtpUrl: settings.SMTP_URL,
        from: settings.SMTP_FROM ?? defaultFromAddress(publicUrl),
        log: (line) => log(`mail: ${line}`),
      })
    : null;
  const announce = (submissionId: string | undefined) => {
    if (!submissionId) return;
    emitSubmissionResult(prisma, webhooks.queue, submissionId, publicUrl).catch((error: unknown) =>
      log(`webhooks: announcing ${submissionId} failed: ${(error as Error).message}`),
    );
  };
  grading.worker.on("completed", (_job, outcome) => announce(outcome.submissionId));
  grading.worker.on("failed", (job) => announce((job?.data as { submissionId?: string } | undefined)?.submissionId));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      log(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: finishing the gradings in progress, taking no new ones`);
    grading
      .close()
      .then(() => similarity.close())
      .then(() => webhooks.close())
      .then(() => mail?.close())
      .then(() => prisma.$disconnect())
      .then(() => {
        log("stopped");
        process.exit(0);
      })
      .catch((error: unknown) => {
        log(`shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  // Said last: supervisors and tests take this line to mean the worker is up and stops cleanly.
  log(`grading with concurrency ${concurrency} (pid ${process.pid})`);
}

main().catch((error: unknown) => {
  console.error(`[worker] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
