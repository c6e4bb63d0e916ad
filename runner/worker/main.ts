// The grading worker: `npx tsx runner/worker/main.ts`. Configuration comes from the environment
// (DATABASE_URL, REDIS_URL, RUNNER_CONCURRENCY, ASSESSMENTS_DIR and the RUNNER_* settings).
import path from "node:path";
import { getConfig } from "~/lib/config.server";
import { createPrismaClient } from "~/lib/db.server";
import { createRedisConnection } from "~/lib/redis.server";
import { ensureRuntimeImages } from "../images/ensure";
import { parseRunnerSettings } from "./settings";
import { startGradingWorker } from "./worker";

function log(line: string) {
  console.log(`${new Date().toISOString()} [worker] ${line}`);
}

async function main() {
  const config = getConfig();
  const settings = parseRunnerSettings(process.env);
  const images = await ensureRuntimeImages({ log: (line) => log(`images: ${line}`) });
  for (const action of images.actions) log(`images: ${action}`);

  const prisma = createPrismaClient(config.DATABASE_URL, { max: Math.max(4, config.RUNNER_CONCURRENCY * 2) });
  const grading = await startGradingWorker({
    prisma,
    redis: (purpose) => createRedisConnection(purpose, config.REDIS_URL),
    assessmentsDir: path.resolve(config.ASSESSMENTS_DIR),
    concurrency: config.RUNNER_CONCURRENCY,
    prefix: settings.RUNNER_QUEUE_PREFIX,
    lockDurationMs: settings.RUNNER_LOCK_SECONDS * 1000,
    stalledIntervalMs: settings.RUNNER_STALLED_CHECK_SECONDS * 1000,
    reconcileIntervalMs: settings.RUNNER_RECONCILE_SECONDS * 1000,
    reconcileGraceMs: settings.RUNNER_RECONCILE_GRACE_SECONDS * 1000,
    log,
  });
  log(`grading with concurrency ${config.RUNNER_CONCURRENCY} (pid ${process.pid})`);

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
}

main().catch((error: unknown) => {
  console.error(`[worker] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
