import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { openRedis as createRedisConnection } from "../contract/connections";
import { enqueueGrading, GRADING_JOB_NAME } from "../contract/queue";
import { progressChannel, type ProgressMessage } from "../contract/submission";
import { expectNothingLeft } from "../fixtures/expect-clean";
import { createQueuedSubmission, FIXTURE_ASSESSMENTS_DIR, zipSolution } from "../fixtures/submissions";
import { finishedRow, newPrefix, producerQueue, redisUrl, workerTestContext, waitFor } from "../fixtures/worker-harness";
import { ensureRuntimeImages } from "../images/ensure";
import { startGradingWorker, type GradingWorker } from "./worker";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const SHORT = { readySeconds: 8, testSeconds: 15, buildSeconds: 30 };
const context = workerTestContext("worker-test");

beforeAll(async () => {
  await ensureRuntimeImages();
});

const finished = (submissionId: string, timeoutMs?: number) => finishedRow(context.db, submissionId, timeoutMs);

function startWorker(prefix: string, extra: Partial<Parameters<typeof startGradingWorker>[0]> = {}): Promise<GradingWorker> {
  return startGradingWorker({
    prisma: context.db.prisma,
    redis: (purpose) => createRedisConnection(purpose, redisUrl()),
    assessmentsDir: FIXTURE_ASSESSMENTS_DIR,
    concurrency: 2,
    prefix,
    limitOverrides: SHORT,
    reconcileGraceMs: 0,
    reconcileIntervalMs: 500,
    log: () => undefined,
    ...extra,
  });
}

/** Deletes every key of one queue prefix: what a Redis flush does to this queue, without touching other suites. */
async function flushPrefix(prefix: string): Promise<number> {
  const redis = createRedisConnection("worker", redisUrl());
  try {
    let cursor = "0";
    let deleted = 0;
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== "0");
    return deleted;
  } finally {
    redis.disconnect();
  }
}

describe("the grading worker", () => {
  it("grades a queued submission once, however often it is enqueued, and publishes progress", async () => {
    const prefix = newPrefix();
    const grading = await startWorker(prefix);
    const subscriber = createRedisConnection("events", redisUrl());
    const queue = producerQueue(prefix);
    try {
      const submissionId = await createQueuedSubmission(context.db.prisma, await zipSolution("node-fast", context.work));
      const messages: ProgressMessage[] = [];
      subscriber.on("message", (_channel: string, text: string) => messages.push(JSON.parse(text) as ProgressMessage));
      await subscriber.subscribe(progressChannel(submissionId));

      await enqueueGrading(queue, submissionId);
      await enqueueGrading(queue, submissionId);
      const counts = await queue.getJobCounts("waiting", "active", "completed", "delayed", "prioritized");
      expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBe(1);

      expect((await finished(submissionId)).status).toBe("GRADED");
      // The result is saved before the containers are removed; the cleanup's timing follows.
      await waitFor("the job to complete", async () => (await queue.getJob(submissionId))?.isCompleted());
      const row = await context.db.prisma.submission.findUniqueOrThrow({ where: { id: submissionId } });
      expect(row.failureReason).toBeNull();
      expect(row.overallScore).toBe(1);
      expect(row.testsDone).toBe(4);
      expect(row.testsTotal).toBe(4);
      expect(row.runLog).toContain("listening on 3000");
      expect(Object.keys(row.stageTimings as object)).toEqual(
        expect.arrayContaining(["extract", "build", "start", "ready", "tests", "cleanup", "total"]),
      );
      expect(row.competencyScores).toMatchObject({ "api-design": { earned: 4, possible: 4, score: 1 } });
      const tests = await context.db.prisma.testResult.findMany({ where: { submissionId }, orderBy: { testId: "asc" } });
      expect(tests.map((t) => [t.testId, t.outcome, t.visibility])).toEqual([
        ["create-item", "PASSED", "PUBLIC"],
        ["health", "PASSED", "PUBLIC"],
        ["missing-item", "PASSED", "HIDDEN"],
        ["read-item", "PASSED", "HIDDEN"],
      ]);

      await waitFor("the final progress message", async () => messages.some((m) => m.status === "GRADED"));
      const statuses = messages.map((m) => m.status).filter((status, i, all) => status !== all[i - 1]);
      expect(statuses).toEqual(["BUILDING", "RUNNING", "GRADED"]);
      expect(messages.some((m) => m.stage === "tests" && m.testsTotal === 4 && m.testsDone === 4)).toBe(true);

      // A second job for a finished submission leaves its single result set alone.
      await (await queue.getJob(submissionId))?.remove();
      await enqueueGrading(queue, submissionId);
      await waitFor(
        "the duplicate job to complete",
        async () => (await (await queue.getJob(submissionId))?.isCompleted()) ?? true,
      );
      expect(await context.db.prisma.testResult.count({ where: { submissionId } })).toBe(4);
      await expectNothingLeft(submissionId);
    } finally {
      subscriber.disconnect();
      await queue.close();
      await grading.close();
    }
  });

  it("ends a hostile submission with its reason and grades the next one", async () => {
    const prefix = newPrefix();
    const grading = await startWorker(prefix);
    const queue = producerQueue(prefix);
    try {
      const hostile = await createQueuedSubmission(context.db.prisma, await zipSolution("hostile/exits-at-once", context.work));
      const normal = await createQueuedSubmission(context.db.prisma, await zipSolution("node-fast", context.work));
      await enqueueGrading(queue, hostile);
      await enqueueGrading(queue, normal);
      const failedRow = await finished(hostile);
      expect(failedRow.status).toBe("FAILED");
      expect(failedRow.failureReason).toBe(
        "exited with code 3 before becoming ready on port 3000: configuration missing, giving up",
      );
      // Finished once, on the first attempt: a candidate's mistake is not retried. The row is
      // saved just before BullMQ records the job as completed, so wait for the latter.
      await waitFor(
        "the hostile job to be recorded as completed",
        async () => (await (await queue.getJob(hostile))?.isCompleted()) ?? false,
      );
      expect((await queue.getJob(hostile))?.attemptsMade).toBe(1);
      expect((await finished(normal)).status).toBe("GRADED");
      await expectNothingLeft(hostile);
      await expectNothingLeft(normal);
    } finally {
      await queue.close();
      await grading.close();
    }
  });

  it("refuses job data that is not a submission id without retrying", async () => {
    const prefix = newPrefix();
    const grading = await startWorker(prefix);
    const queue = producerQueue(prefix);
    try {
      const job = await queue.add(GRADING_JOB_NAME, { submissionId: "../../etc" }, { attempts: 3 });
      await waitFor("the bad job to fail", async () => (await queue.getJob(job.id!))?.isFailed());
      const failed = await queue.getJob(job.id!);
      expect(failed?.failedReason).toMatch(/invalid grading job/);
      expect(failed?.attemptsMade).toBe(1);
    } finally {
      await queue.close();
      await grading.close();
    }
  });

  it("re-enqueues submissions whose jobs vanished in a Redis flush", async () => {
    const prefix = newPrefix();
    const queue = producerQueue(prefix);
    const submissionId = await createQueuedSubmission(context.db.prisma, await zipSolution("node-fast", context.work));
    await enqueueGrading(queue, submissionId);
    await queue.close();
    expect(await flushPrefix(prefix)).toBeGreaterThan(0);

    const grading = await startWorker(prefix);
    try {
      expect((await finished(submissionId)).status).toBe("GRADED");
      expect(await context.db.prisma.testResult.count({ where: { submissionId } })).toBe(4);
    } finally {
      await grading.close();
    }
  });
});

describe("the worker process", () => {
  function spawnWorker(prefix: string): ChildProcess & { output: () => string } {
    const child = spawn(process.execPath, ["--import", "tsx", "runner/worker/main.ts"], {
      cwd: repoRoot,
      env: {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_URL: context.db.url,
        REDIS_URL: redisUrl(),
        ASSESSMENTS_DIR: FIXTURE_ASSESSMENTS_DIR,
        RUNNER_CONCURRENCY: "1",
        RUNNER_QUEUE_PREFIX: prefix,
        RUNNER_LOCK_SECONDS: "3",
        RUNNER_STALLED_CHECK_SECONDS: "1",
        RUNNER_RECONCILE_SECONDS: "1",
        RUNNER_RECONCILE_GRACE_SECONDS: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    return Object.assign(child, { output: () => output });
  }

  const exited = (child: ChildProcess) =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
      else child.once("exit", (code) => resolve(code));
    });

  const status = async (id: string) => (await context.db.prisma.submission.findUniqueOrThrow({ where: { id } })).status;

  it("a worker killed with SIGKILL mid-grade: graded once when a worker runs again", async () => {
    const prefix = newPrefix();
    const queue = producerQueue(prefix);
    const first = spawnWorker(prefix);
    let second: ReturnType<typeof spawnWorker> | undefined;
    try {
      const submissionId = await createQueuedSubmission(context.db.prisma, await zipSolution("slow-start", context.work));
      await enqueueGrading(queue, submissionId);
      await waitFor(`RUNNING (worker output: ${first.output()})`, async () => (await status(submissionId)) === "RUNNING", 90_000);
      first.kill("SIGKILL");
      await exited(first);

      second = spawnWorker(prefix);
      const row = await finished(submissionId, 90_000);
      expect(row.status, second.output()).toBe("GRADED");
      expect(await context.db.prisma.testResult.count({ where: { submissionId } })).toBe(4);
      await expectNothingLeft(submissionId);
    } finally {
      first.kill("SIGKILL");
      if (second) {
        second.kill("SIGTERM");
        await exited(second);
      }
      await queue.close();
    }
  });

  it("SIGTERM drains: the grading in progress finishes before the worker exits", async () => {
    const prefix = newPrefix();
    const queue = producerQueue(prefix);
    const child = spawnWorker(prefix);
    try {
      const submissionId = await createQueuedSubmission(context.db.prisma, await zipSolution("slow-start", context.work));
      await enqueueGrading(queue, submissionId);
      await waitFor(`RUNNING (worker output: ${child.output()})`, async () => (await status(submissionId)) === "RUNNING", 90_000);
      child.kill("SIGTERM");
      expect(await exited(child)).toBe(0);
      expect(await status(submissionId)).toBe("GRADED");
      expect(child.output()).toContain("SIGTERM: finishing the gradings in progress");
      await expectNothingLeft(submissionId);
    } finally {
      child.kill("SIGKILL");
      await queue.close();
    }
  });
});
