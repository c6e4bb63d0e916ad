// End-to-end grading benchmark: enqueue → GRADED for a fast-path Node fixture through the real
// queue (Redis), worker, Docker sandbox and database. Prints latency percentiles, throughput at
// each concurrency, the stage breakdown and the runner's own overhead.
// Usage: npx tsx bench/grading/run.ts [--count 20] [--concurrency 1,2]
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Queue } from "bullmq";
import pg from "pg";
import { z } from "zod";
import { createPrismaClient } from "~/lib/db.server";
import { createRedisConnection } from "~/lib/redis.server";
import { createQueuedSubmission, FIXTURE_ASSESSMENTS_DIR, zipSolution } from "../../runner/fixtures/submissions";
import { solutionDir } from "../../runner/fixtures/grading";
import { ensureRuntimeImages } from "../../runner/images/ensure";
import { STAGES } from "../../runner/pipeline/grade";
import { enqueueGrading, GRADING_QUEUE } from "../../runner/contract/queue";
import { startGradingWorker } from "../../runner/worker/worker";
import { TEMPLATE_DB, databaseUrl, startTestServices } from "../../tests/support/test-services";

const options = z
  .object({
    count: z.coerce.number().int().min(1, "--count must be at least 1").max(500).default(20),
    concurrency: z
      .string()
      .default("1,2")
      .transform((text) => text.split(",").map(Number))
      .pipe(z.array(z.number().int().min(1).max(16)).min(1, "--concurrency lists worker concurrencies, e.g. 1,2")),
  })
  .parse(parseArgs({ options: { count: { type: "string" }, concurrency: { type: "string" } } }).values);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const median = (values: number[]) => percentile(values, 50);
const ms = (value: number) => `${Math.round(value)} ms`;

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl(adminUrl, "postgres") });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** The solution's own boot on the host: start node, wait for its "listening" line. */
async function solutionBootMs(): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(solutionDir("node-fast"), "server.js")], {
      env: { ...process.env, PORT: String(40000 + Math.floor(Math.random() * 20000)) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) => child.stdout?.once("data", () => resolve()));
    samples.push(performance.now() - started);
    child.kill();
  }
  return median(samples);
}

const services = await startTestServices();
const dbName = `hirekit_bench_grading_${randomBytes(4).toString("hex")}`;
await adminQuery(services.adminUrl, `CREATE DATABASE "${dbName}" TEMPLATE "${TEMPLATE_DB}"`);
const prisma = createPrismaClient(databaseUrl(services.adminUrl, dbName), { max: 8 });
const work = await mkdtemp(path.join(tmpdir(), "hirekit-bench-grading-"));
const redis = (purpose: "worker" | "producer" | "events") => createRedisConnection(purpose, services.redisUrl);

interface Graded {
  latency: number;
  timings: Record<string, number>;
}

async function runRound(concurrency: number, count: number, mode: "sequential" | "burst") {
  const prefix = `hirekit-bench-${randomBytes(4).toString("hex")}`;
  const worker = await startGradingWorker({
    prisma,
    redis,
    assessmentsDir: FIXTURE_ASSESSMENTS_DIR,
    concurrency,
    prefix,
    log: () => undefined,
  });
  const producer = redis("producer");
  const queue = new Queue(GRADING_QUEUE, { connection: producer, prefix });
  const subscriber = redis("events");
  const finishedAt = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  subscriber.on("pmessage", (_pattern: string, channel: string, text: string) => {
    const status = (JSON.parse(text) as { status?: string }).status;
    if (status === "GRADED" || status === "FAILED" || status === "ERROR") {
      const id = channel.slice("submission:".length);
      finishedAt.set(id, performance.now());
      waiters.get(id)?.();
    }
  });
  await subscriber.psubscribe("submission:*");
  const done = (id: string) =>
    new Promise<void>((resolve) => {
      if (finishedAt.has(id)) resolve();
      else waiters.set(id, resolve);
    });

  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push(await createQueuedSubmission(prisma, await zipSolution("node-fast", work), i + 1));
  const enqueuedAt = new Map<string, number>();
  const started = performance.now();
  if (mode === "sequential") {
    for (const id of ids) {
      enqueuedAt.set(id, performance.now());
      await enqueueGrading(queue, id);
      await done(id);
    }
  } else {
    for (const id of ids) {
      enqueuedAt.set(id, performance.now());
      await enqueueGrading(queue, id);
    }
    await Promise.all(ids.map(done));
  }
  const elapsed = performance.now() - started;

  const rows = await prisma.submission.findMany({
    where: { id: { in: ids } },
    select: { id: true, status: true, failureReason: true, stageTimings: true },
  });
  const bad = rows.filter((row) => row.status !== "GRADED");
  if (bad.length > 0) throw new Error(`${bad.length} submissions did not grade: ${bad[0].status} ${bad[0].failureReason}`);
  const graded: Graded[] = rows.map((row) => ({
    latency: finishedAt.get(row.id)! - enqueuedAt.get(row.id)!,
    timings: row.stageTimings as Record<string, number>,
  }));
  subscriber.disconnect();
  // BullMQ leaves a connection it was given open.
  await queue.close();
  producer.disconnect();
  await worker.close();
  return { graded, elapsed };
}

try {
  const report = await ensureRuntimeImages({ log: (line) => console.log(`[images] ${line}`) });
  for (const action of report.actions) console.log(`[images] ${action}`);
  console.log(`warming up (prober bundle, images, first containers) …`);
  await runRound(1, 2, "sequential");
  const bootMs = await solutionBootMs();

  console.log(`\nlatency: ${options.count} submissions one after another, worker concurrency 1`);
  const { graded } = await runRound(1, options.count, "sequential");
  const latencies = graded.map((g) => g.latency);
  console.log(
    `  enqueue → GRADED   p50 ${ms(median(latencies))}   p95 ${ms(percentile(latencies, 95))}   min ${ms(
      Math.min(...latencies),
    )}   max ${ms(Math.max(...latencies))}`,
  );
  console.log(`  stage breakdown (median of ${graded.length}):`);
  for (const stage of [...STAGES, "total"]) {
    console.log(`    ${stage.padEnd(8)} ${ms(median(graded.map((g) => g.timings[stage] ?? 0))).padStart(8)}`);
  }
  // GRADED is announced before the cleanup, so the cleanup is not part of the latency.
  const queueAndSave = latencies.map((latency, i) => latency - (graded[i].timings.total - graded[i].timings.cleanup));
  console.log(
    `    queue+db ${ms(median(queueAndSave)).padStart(8)}   (pickup, status writes, result transaction; outside "total")`,
  );
  const testsMs = median(graded.map((g) => g.timings.tests));
  const overhead = latencies.map((latency, i) => latency - graded[i].timings.tests - bootMs);
  // The cleanup runs after GRADED is announced; it still occupies the worker.
  console.log(`  solution's own boot on the host (median of 5): ${ms(bootMs)}`);
  console.log(
    `  runner overhead = end to end − tests (${ms(testsMs)} median) − solution boot: p50 ${ms(median(overhead))}   p95 ${ms(
      percentile(overhead, 95),
    )}`,
  );

  const throughput: Record<string, number> = {};
  for (const concurrency of options.concurrency) {
    const round = await runRound(concurrency, options.count, "burst");
    const perMinute = (options.count / round.elapsed) * 60_000;
    throughput[concurrency] = perMinute;
    const burstLatencies = round.graded.map((g) => g.latency);
    console.log(
      `\nthroughput at concurrency ${concurrency}: ${options.count} enqueued at once, all GRADED in ${ms(
        round.elapsed,
      )} → ${perMinute.toFixed(1)} submissions/min (p50 wait+grade ${ms(median(burstLatencies))})`,
    );
  }

  const resultsDir = path.resolve("bench/results");
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `grading-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  await writeFile(
    file,
    JSON.stringify(
      {
        count: options.count,
        latency: { p50: median(latencies), p95: percentile(latencies, 95) },
        stages: Object.fromEntries(
          [...STAGES, "total"].map((stage) => [stage, median(graded.map((g) => g.timings[stage] ?? 0))]),
        ),
        solutionBootMs: bootMs,
        overhead: { p50: median(overhead), p95: percentile(overhead, 95) },
        throughputPerMinute: throughput,
      },
      null,
      2,
    ),
  );
  console.log(`\nfigures written to ${path.relative(process.cwd(), file)}`);
} finally {
  await prisma.$disconnect();
  await adminQuery(services.adminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await services.stop();
  await rm(work, { recursive: true, force: true });
}
