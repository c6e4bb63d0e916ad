import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { migrate } from "../../prisma/migrator";
import { openRedis } from "../../runner/contract/connections";
import { enqueueGrading, GRADING_QUEUE } from "../../runner/contract/queue";
import { progressChannel } from "../../runner/contract/submission";
import { expectNothingLeft } from "../../runner/fixtures/expect-clean";
import { createQueuedSubmission, FIXTURE_ASSESSMENTS_DIR, zipSolution } from "../../runner/fixtures/submissions";
import { ensurePostgres, type StartedService } from "../../scripts/lib/services";
import { Supervisor } from "../../scripts/lib/supervisor";
import { createPrismaClient, type PrismaClient } from "~/lib/db.server";
import { freePort } from "../support/app-server";
import { DockerSocketProxy } from "../support/docker-proxy";

// Issue 16's fault injection, against a real worker process (supervised as `npm start` does),
// a PostgreSQL cluster of this file's own and the shared Docker Engine behind a socket proxy this
// test stops and starts (the engine itself is shared with other work and is never stopped):
//   (c) the worker SIGKILLed during a Dockerfile build,
//   (a) the engine unreachable for longer than a job's whole retry budget (5 + 10 + 20 s), then back,
//   (b) PostgreSQL restarted while a grading is in flight.
// Every submission must end GRADED exactly once with full marks, no attempt charged, nothing left.

const FULL_MARKS_TESTS = 4;
const RETRY_BUDGET_MS = (5 + 10 + 20) * 1000;
const ENGINE_OUTAGE_MS = RETRY_BUDGET_MS + 10_000;
const DATABASE_OUTAGE_MS = 10_000;
const QUEUE_PREFIX = `faults-test-${process.pid}`;

const root = mkdtempSync(path.join(tmpdir(), "hirekit-faults-"));
const dataDir = path.join(root, "data");
const archives = path.join(root, "archives");
const workerLog = path.join(root, "worker.log");

let pgPort: number;
let postgres: StartedService;
let prisma: PrismaClient;
let proxy: DockerSocketProxy;
let supervisor: Supervisor;
let queue: Queue;
let subscriber: Redis;
let logFd: number;
const supervisorLines: string[] = [];
const announced = new Map<string, string[]>();
const recovery: Record<string, string> = {};

const redisUrl = () => process.env.TEST_REDIS_URL ?? inject("redisUrl");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds(timeoutMs)} waiting for ${what}\n--- worker log (tail) ---\n${readFileSync(workerLog, "utf8").slice(-4000)}`);
    await sleep(200);
  }
}

beforeAll(async () => {
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(archives, { recursive: true });
  // expectNothingLeft looks for work folders under DATA_DIR/work, where this file's worker keeps them.
  process.env.DATA_DIR = dataDir;
  pgPort = await freePort();
  postgres = await ensurePostgres(path.join(root, "pg"), pgPort);
  await migrate({ databaseUrl: postgres.url!, migrationsDir: path.resolve("prisma/migrations") });
  prisma = createPrismaClient(postgres.url!, { max: 4 });

  proxy = new DockerSocketProxy(path.join(root, "docker.sock"));
  await proxy.start();

  queue = new Queue(GRADING_QUEUE, { connection: openRedis("producer", redisUrl()), prefix: QUEUE_PREFIX });
  subscriber = openRedis("events", redisUrl());
  subscriber.on("message", (channel: string, message: string) => {
    const id = channel.slice(channel.indexOf(":") + 1);
    const { status, stage } = JSON.parse(message) as { status?: string; stage?: string };
    if (status) announced.get(id)?.push(`${status}/${stage}`);
  });

  logFd = openSync(workerLog, "a");
  supervisor = new Supervisor({ initialBackoffMs: 500, healthyAfterMs: 10_000, stopGraceMs: 60_000, log: (line) => supervisorLines.push(line) });
  supervisor.start({
    name: "worker",
    command: process.execPath,
    args: ["--import", "tsx", "runner/worker/main.ts"],
    stdio: ["ignore", logFd, logFd],
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: postgres.url!,
      REDIS_URL: redisUrl(),
      DOCKER_HOST: proxy.dockerHost,
      DATA_DIR: dataDir,
      ASSESSMENTS_DIR: FIXTURE_ASSESSMENTS_DIR,
      RUNNER_QUEUE_PREFIX: QUEUE_PREFIX,
      RUNNER_CONCURRENCY: "1",
      RUNNER_LOCK_SECONDS: "10",
      RUNNER_STALLED_CHECK_SECONDS: "5",
      RUNNER_RECONCILE_SECONDS: "5",
      RUNNER_RECONCILE_GRACE_SECONDS: "5",
      RUNNER_SWEEP_SECONDS: "10",
    },
  });
  await waitFor("the worker to start", () => /grading with concurrency/.test(readFileSync(workerLog, "utf8")), 300_000);
}, 360_000);

afterAll(async () => {
  await supervisor?.stop();
  if (logFd !== undefined) closeSync(logFd);
  await queue?.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  subscriber?.disconnect();
  await proxy?.stop();
  await prisma?.$disconnect();
  await postgres?.stop().catch(() => undefined);
  rmSync(root, { recursive: true, force: true });
}, 120_000);

async function queueBatch(solutions: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of solutions) {
    const id = await createQueuedSubmission(prisma, await zipSolution(name, archives));
    announced.set(id, []);
    await subscriber.subscribe(progressChannel(id));
    await enqueueGrading(queue, id);
    ids.push(id);
  }
  return ids;
}

const statuses = async (ids: string[]) =>
  new Map((await prisma.submission.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } })).map((row) => [row.id, row.status]));

async function allGraded(ids: string[], timeoutMs: number): Promise<void> {
  await waitFor(
    `${ids.length} submissions to be graded`,
    async () => {
      const current = await statuses(ids);
      expect([...current.values()].filter((status) => status === "FAILED" || status === "ERROR")).toEqual([]);
      return [...current.values()].every((status) => status === "GRADED");
    },
    timeoutMs,
  );
}

async function inFlight(ids: string[]): Promise<string> {
  return waitFor(
    "a grading in flight",
    async () => [...(await statuses(ids))].find(([, status]) => status === "BUILDING" || status === "RUNNING")?.[0],
    180_000,
  );
}

async function firstGradedAfter(ids: string[], before: Set<string>, timeoutMs: number): Promise<number> {
  await waitFor("the next graded submission", async () => [...(await statuses(ids))].some(([id, status]) => status === "GRADED" && !before.has(id)), timeoutMs);
  return Date.now();
}

const graded = async (ids: string[]) => new Set([...(await statuses(ids))].filter(([, status]) => status === "GRADED").map(([id]) => id));

it("grades every submission exactly once, with full marks and no attempt charged, through a worker kill, an engine outage and a database restart", { timeout: 1_200_000 }, async () => {
  const all: string[] = [];

  // (c) SIGKILL while the engine builds a Dockerfile.
  let killedAt = 0;
  let buildSeen = false;
  const stopWatching = proxy.onRequest((method, url) => {
    if (buildSeen || method !== "POST" || !/^\/v[\d.]+\/build\b|^\/build\b/.test(url)) return;
    buildSeen = true;
    setTimeout(() => {
      const pid = supervisor.pid("worker");
      if (!pid) return;
      process.kill(pid, "SIGKILL");
      killedAt = Date.now();
    }, 300);
  });
  const batchC = await queueBatch(["dockerfile-python", "node-fast", "python-fast", "dockerfile-python"]);
  all.push(...batchC);
  await waitFor("the worker to be killed during a Dockerfile build", () => killedAt > 0, 300_000);
  stopWatching();
  const killedDuring = await waitFor("the killed build's submission", async () => [...(await statuses(batchC))].find(([, status]) => status === "BUILDING")?.[0], 5_000);
  await waitFor("the supervisor to restart the worker", () => supervisor.restarts("worker") === 1 && supervisor.pid("worker"), 30_000);
  await waitFor("the killed submission to be graded", async () => (await statuses([killedDuring])).get(killedDuring) === "GRADED", 300_000);
  recovery["(c) worker SIGKILLed during a Dockerfile build → that submission GRADED"] = seconds(Date.now() - killedAt);
  await allGraded(batchC, 300_000);

  // (a) The engine unreachable for longer than the whole retry budget, then back.
  const batchA = await queueBatch(["node-fast", "dockerfile-python", "python-fast"]);
  all.push(...batchA);
  await inFlight(batchA);
  const gradedBeforeA = await graded(batchA);
  await proxy.stop();
  await sleep(ENGINE_OUTAGE_MS);
  expect([...(await statuses(batchA)).values()].filter((status) => status === "ERROR" || status === "FAILED")).toEqual([]);
  await proxy.start();
  const engineBack = Date.now();
  recovery[`(a) engine unreachable ${seconds(ENGINE_OUTAGE_MS)} → next submission GRADED after it is back`] = seconds((await firstGradedAfter(batchA, gradedBeforeA, 300_000)) - engineBack);
  await allGraded(batchA, 300_000);
  recovery["(a) → whole batch of 3 GRADED after the engine is back"] = seconds(Date.now() - engineBack);

  // (b) PostgreSQL restarted while a grading is in flight.
  const batchB = await queueBatch(["python-fast", "dockerfile-python", "node-fast"]);
  all.push(...batchB);
  await inFlight(batchB);
  const gradedBeforeB = await graded(batchB);
  await postgres.stop();
  await sleep(DATABASE_OUTAGE_MS);
  postgres = await ensurePostgres(path.join(root, "pg"), pgPort);
  const databaseBack = Date.now();
  recovery[`(b) PostgreSQL down ${seconds(DATABASE_OUTAGE_MS)} → next submission GRADED after it is back`] = seconds((await firstGradedAfter(batchB, gradedBeforeB, 300_000)) - databaseBack);
  await allGraded(batchB, 300_000);
  recovery["(b) → whole batch of 3 GRADED after PostgreSQL is back"] = seconds(Date.now() - databaseBack);

  console.log(`fault recovery times:\n${Object.entries(recovery).map(([fault, time]) => `  ${fault}: ${time}`).join("\n")}`);

  // Every submission: GRADED with full marks, saved and announced once, its attempt and clock untouched.
  const rows = await prisma.submission.findMany({ where: { id: { in: all } }, include: { _count: { select: { testResults: true, clockPauses: true } } } });
  expect(rows).toHaveLength(all.length);
  for (const row of rows) {
    expect({ id: row.id, status: row.status, overall: row.overallScore, reason: row.failureReason, attempt: row.attempt, tests: row._count.testResults, pauses: row._count.clockPauses }).toEqual({
      id: row.id,
      status: "GRADED",
      overall: 1,
      reason: null,
      attempt: 1,
      tests: FULL_MARKS_TESTS,
      pauses: 0,
    });
  }
  await sleep(1_000);
  for (const id of all) {
    // Saved once (the worker logs each save, and "already saved by another worker" for a second try;
    // a commit whose answer the database restart lost shows as one "already GRADED" on the retry),
    // announced as done once, never announced FAILED or ERROR. (A cleanup progress message may follow "done".)
    const log = readFileSync(workerLog, "utf8").split("\n").filter((line) => line.includes(id));
    expect(log.filter((line) => line.includes(`${id}: GRADED`) || line.includes(`${id}: already GRADED`)), log.join("\n")).toHaveLength(1);
    expect(log.filter((line) => line.includes("already saved")), log.join("\n")).toEqual([]);
    const messages = announced.get(id) ?? [];
    expect({ id, done: messages.filter((message) => message.endsWith("/done")), failed: messages.filter((message) => /^(FAILED|ERROR)\//.test(message)) }).toEqual({ id, done: ["GRADED/done"], failed: [] });
  }
  // No BullMQ attempt was spent on the faults: each job completed on its first counted attempt.
  for (const id of all) {
    const job = await queue.getJob(id);
    expect({ id, state: await job?.getState(), attemptsMade: job?.attemptsMade }).toEqual({ id, state: "completed", attemptsMade: 1 });
  }
  // Nothing left: containers, images (the interrupted build's step images included), volumes, networks, work folders.
  for (const id of all) await expectNothingLeft(id, 120_000);
  expect(supervisorLines.join("\n")).toMatch(/worker was killed by SIGKILL .* restarting it/);
});
