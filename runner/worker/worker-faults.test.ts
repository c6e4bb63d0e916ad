// The worker's fault handling against the in-memory FakeSandboxDriver, with the real PostgreSQL
// and Redis: retries, the last attempt, outages that cost no attempt, the reconciler, the sweep
// and progress. No Docker: the sandbox's behaviour is scripted per submission.
import { randomBytes } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Queue } from "bullmq";
import { describe, expect, it } from "vitest";
import { createPrismaClient, openRedis } from "../contract/connections";
import { enqueueGrading, GRADING_JOB_NAME } from "../contract/queue";
import { progressChannel, type ProgressMessage } from "../contract/submission";
import { FakeSandboxDriver } from "../fixtures/fake-driver";
import { createQueuedSubmission, FIXTURE_ASSESSMENTS_DIR, zipSolution } from "../fixtures/submissions";
import { finishedRow, newPrefix, producerQueue, redisUrl, waitFor, workerTestContext } from "../fixtures/worker-harness";
import { createWorkFolder } from "../pipeline/work-folders";
import type { LogFields } from "./log";
import { recordCleanupTiming } from "./save";
import { startGradingWorker, type GradingWorker } from "./worker";

const context = workerTestContext("worker-faults");
const row = (id: string) => context.db.prisma.submission.findUniqueOrThrow({ where: { id } });
const finished = (id: string) => finishedRow(context.db, id, 30_000);

interface Harness {
  driver: FakeSandboxDriver;
  grading: GradingWorker;
  queue: Queue;
  messages: Map<string, ProgressMessage[]>;
  logs: string[];
  /** The fields of each log line, in the order of logs. */
  fields: (LogFields | undefined)[];
  watch(submissionId: string): Promise<void>;
  close(): Promise<void>;
}

async function harness(extra: Partial<Parameters<typeof startGradingWorker>[0]> = {}): Promise<Harness> {
  const prefix = newPrefix();
  const driver = (extra.driver as FakeSandboxDriver | undefined) ?? new FakeSandboxDriver();
  const logs: string[] = [];
  const fields: (LogFields | undefined)[] = [];
  const grading = await startGradingWorker({
    prisma: context.db.prisma,
    redis: (purpose) => openRedis(purpose, redisUrl()),
    assessmentsDir: FIXTURE_ASSESSMENTS_DIR,
    concurrency: 2,
    prefix,
    workRoot: path.join(context.work, prefix),
    reconcileGraceMs: 0,
    reconcileIntervalMs: 60_000,
    outageCheckMs: 100,
    outageRetryMs: 200,
    log: (line, lineFields) => {
      logs.push(line);
      fields.push(lineFields);
    },
    ...extra,
    driver,
  });
  const queue = producerQueue(prefix);
  const subscriber = openRedis("events", redisUrl());
  const messages = new Map<string, ProgressMessage[]>();
  subscriber.on("message", (channel: string, text: string) => {
    const id = channel.slice("submission:".length);
    messages.set(id, [...(messages.get(id) ?? []), JSON.parse(text) as ProgressMessage]);
  });
  return {
    driver,
    grading,
    queue,
    messages,
    logs,
    fields,
    watch: async (submissionId) => {
      await subscriber.subscribe(progressChannel(submissionId));
    },
    close: async () => {
      subscriber.disconnect();
      await queue.close();
      await grading.close();
    },
  };
}

describe("the worker against a fake sandbox", () => {
  it("saves once, announces, then releases; progress goes BUILDING → RUNNING → GRADED", async () => {
    const h = await harness();
    try {
      const id = await createQueuedSubmission(context.db.prisma, await zipSolution("node-fast", context.work));
      await h.watch(id);
      await enqueueGrading(h.queue, id);
      const saved = await finished(id);
      expect(saved.status).toBe("GRADED");
      expect(saved.testsDone).toBe(2);
      await waitFor("the cleanup timing", async () => "cleanup" in ((await row(id)).stageTimings as object));
      expect(h.driver.held(id)).toEqual([]);
      await waitFor("the GRADED message", async () => h.messages.get(id)?.some((m) => m.status === "GRADED"));
      const statuses = h.messages.get(id)!.map((m) => m.status).filter((s, i, all) => s !== all[i - 1]);
      expect(statuses).toEqual(["BUILDING", "RUNNING", "GRADED"]);
    } finally {
      await h.close();
    }
  });

  it("retries a fault with the row back to QUEUED and its counts cleared, then grades", async () => {
    const h = await harness();
    try {
      const id = await createQueuedSubmission(context.db.prisma, await zipSolution("node-fast", context.work));
      h.driver.script(id, { kind: "fault", message: "the engine hiccupped" });
      await h.watch(id);
      await h.queue.add(GRADING_JOB_NAME, { submissionId: id }, { jobId: id, attempts: 3, backoff: { type: "fixed", delay: 100 } });
      expect((await finished(id)).status).toBe("GRADED");
      const queued = h.messages.get(id)!.filter((m) => m.status === "QUEUED");
      expect(queued).toEqual([{ status: "QUEUED", stage: "queued", testsDone: null, testsTotal: null }]);
      await waitFor("the job to complete", async () => (await h.queue.getJob(id))?.isCompleted());
      expect((await h.queue.getJob(id))?.attemptsMade).toBe(2);
      expect(h.logs.some((line) => line.includes("attempt 1 of 3 failed: the engine hiccupped"))).toBe(true);
    } finally {
      await h.close();
    }
  });

  it("every line about a grading names its submission and the web request that queued it", async () => {
    const h = await harness();
    try {
      const id = await createQueuedSubmission(context.db.prisma, await zipSolution("node-fast", context.work));
      h.driver.script(id, { kind: "fault", message: "the engine hiccupped" });
      await h.queue.add(GRADING_JOB_NAME, { submissionId: id, requestId: "upload-req-7" }, { jobId: id, attempts: 3, backoff: { type: "fixed", delay: 100 } });
      expect((await finished(id)).status).toBe("GRADED");
      await waitFor("the job to complete", async () => (await h.queue.getJob(id))?.isCompleted());
      const about = h.logs.map((line, i) => ({ line, fields: h.fields[i] })).filter(({ line }) => line.includes(id));
      expect(about.map(({ line }) => line.replace(/ in \d+ ms/, ""))).toEqual([`${id}: attempt 1 of 3 failed: the engine hiccupped`, `${id}: GRADED`]);
      for (const { fields } of about) expect(fields).toEqual({ submissionId: id, reqId: "upload-req-7" });
    } finally {
      await h.close();
    }
  });

  it("marks ERROR after the last attempt while the infrastructure is healthy", async () => {
    const h = await harness({ maxAutoRegrades: 0 });
    try {
      const id = await createQueuedSubmission(context.db.prisma, await zipSolution("node-fast", context.work));
      h.driver.script(id, { kind: "fault", message: "prober crashed" }, { kind: "fault", message: "prober crashed" });
      await h.queue.add(GRADING_JOB_NAME, { submissionId: id }, { jobId: id, attempts: 2, backoff: { type: "fixed", delay: 100 } });
      const ended = await finished(id);
      expect(ended.status).toBe("ERROR");
      expect(ended.failureReason).toBe("grading failed on our side after 2 attempts: prober crashed");
      await waitFor("the job to fail", async () => (await h.queue.getJob(id))?.isFailed());
    } finally {
      await h.close();
    }
  });

  it("an engine outage spends no attempt: the worker pauses, resumes by itself and grades", async () => {
    const h = await harness();
    try {
      h.driver.engineUp = false;
      const id = await createQueuedSubmission(context.db.prisma, await zipSolution("node-fast", context.work));
      await h.queue.add(GRADING_JOB_NAME, { submissionId: id }, { jobId: id, attempts: 2, backoff: { type: "fixed", delay: 100 } });
      await waitFor("the worker to pause", async () => h.grading.paused());
      await waitFor("the row back in the queue", async () => (await row(id)).status === "QUEUED");
      const job = await h.queue.getJob(id);
      expect(job?.attemptsMade).toBe(0);
      expect(await job?.isFailed()).toBe(false);
      h.driver.engineUp = true;
      expect((await finished(id)).status).toBe("GRADED");
      expect(h.grading.paused()).toBe(false);
      expect(h.logs.some((line) => line.startsWith("pausing: the sandbox engine is unreachable"))).toBe(true);
      expect(h.logs.some((line) => line.startsWith("resuming:"))).toBe(true);
    } finally {
      await h.close();
    }
  });

  it("a database it cannot reach: the first read is logged, no attempt is spent, the worker pauses", async () => {
    const unreachable = createPrismaClient("postgresql://hirekit@127.0.0.1:1/hirekit", { max: 1 });
    const h = await harness({ prisma: unreachable });
    try {
      await h.queue.add(GRADING_JOB_NAME, { submissionId: "sub-db-down" }, { jobId: "sub-db-down", attempts: 2, backoff: { type: "fixed", delay: 100 } });
      await waitFor("the worker to pause", async () => h.grading.paused());
      expect(h.logs.some((line) => line.startsWith("sub-db-down: reading the submission failed:"))).toBe(true);
      expect(h.logs.some((line) => line.startsWith("pausing: the database is unreachable"))).toBe(true);
      const job = await h.queue.getJob("sub-db-down");
      expect(job?.attemptsMade).toBe(0);
      expect(await job?.isFailed()).toBe(false);
    } finally {
      await h.close();
      await unreachable.$disconnect();
    }
  });

  it("a failed release does not fail a GRADED job; the sweeper removes the leftovers", async () => {
    const h = await harness();
    try {
      h.driver.failingDestroys = 1;
      const id = await createQueuedSubmission(context.db.prisma, await zipSolution("node-fast", context.work));
      await enqueueGrading(h.queue, id);
      expect((await finished(id)).status).toBe("GRADED");
      await waitFor("the job to complete", async () => (await h.queue.getJob(id))?.isCompleted());
      expect(h.logs.some((line) => line.includes("removing its containers failed (the sweeper removes what is left)"))).toBe(true);
    } finally {
      await h.close();
    }
  });

  it("a job for a result an earlier run saved (its answer lost to a restart) announces that result and cleans up", async () => {
    const h = await harness();
    try {
      const id = await createQueuedSubmission(context.db.prisma, await zipSolution("node-fast", context.work));
      await context.db.prisma.submission.update({ where: { id }, data: { status: "GRADED", overallScore: 1, finishedAt: new Date() } });
      h.driver.leave(id, "svc", Date.now() + 60_000);
      await h.watch(id);
      await enqueueGrading(h.queue, id);
      await waitFor("the job to complete", async () => (await h.queue.getJob(id))?.isCompleted());
      expect((await h.queue.getJob(id))?.returnvalue).toEqual({ submissionId: id, skipped: "already GRADED" });
      await waitFor("the GRADED message", async () => h.messages.get(id)?.some((m) => m.status === "GRADED"));
      expect(h.messages.get(id)).toEqual([{ status: "GRADED", stage: "done", testsDone: null, testsTotal: null, failureReason: null }]);
      expect(h.driver.held(id)).toEqual([]);
      expect(h.logs.filter((line) => line.includes(id))).toEqual([`${id}: already GRADED (saved by an earlier run); announcing it and cleaning up`]);
      expect((await row(id)).overallScore).toBe(1);
    } finally {
      await h.close();
    }
  });

  it("the cleanup timing lands only on the grading it belongs to, never on a later regrade", async () => {
    const h = await harness();
    try {
      const id = await createQueuedSubmission(context.db.prisma, await zipSolution("node-fast", context.work));
      await enqueueGrading(h.queue, id);
      const first = await finished(id);
      await waitFor("the cleanup timing", async () => "cleanup" in ((await row(id)).stageTimings as object));
      const regradedAt = new Date(first.finishedAt!.getTime() + 1000);
      await context.db.prisma.submission.update({ where: { id }, data: { finishedAt: regradedAt, stageTimings: { total: 1 } } });
      expect(await recordCleanupTiming(context.db.prisma, id, first.finishedAt!, { total: 99, cleanup: 5 })).toBe(false);
      expect((await row(id)).stageTimings).toEqual({ total: 1 });
    } finally {
      await h.close();
    }
  });

  it("the reconciler resets a stale RUNNING row to QUEUED, publishes it and grades it", async () => {
    const h = await harness();
    try {
      const id = await createQueuedSubmission(context.db.prisma, await zipSolution("node-fast", context.work));
      await context.db.prisma.submission.update({ where: { id }, data: { status: "RUNNING", testsDone: 5, testsTotal: 45 } });
      h.driver.engineUp = false;
      await h.watch(id);
      expect(await h.grading.reconcileNow()).toEqual([id]);
      await waitFor("the QUEUED message", async () => h.messages.get(id)?.some((m) => m.status === "QUEUED"));
      const reset = await row(id);
      expect(reset.status === "QUEUED" || reset.status === "BUILDING").toBe(true);
      expect(reset.testsDone).toBeNull();
      h.driver.engineUp = true;
      expect((await finished(id)).status).toBe("GRADED");
    } finally {
      await h.close();
    }
  });

  it("the reconciler regrades an ERROR submission once the infrastructure answers, a bounded number of times", async () => {
    const h = await harness({ maxAutoRegrades: 1 });
    try {
      const id = await createQueuedSubmission(context.db.prisma, await zipSolution("node-fast", context.work));
      await context.db.prisma.submission.update({ where: { id }, data: { status: "ERROR", failureReason: "connect ENOENT /var/run/docker.sock" } });
      h.driver.engineUp = false;
      expect(await h.grading.reconcileNow()).toEqual([]);
      h.driver.engineUp = true;
      expect(await h.grading.reconcileNow()).toEqual([id]);
      const graded = await finished(id);
      expect(graded.status).toBe("GRADED");
      expect(graded.autoRegrades).toBe(1);
      await context.db.prisma.submission.update({ where: { id }, data: { status: "ERROR" } });
      expect(await h.grading.reconcileNow()).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it("sweeps on a timer: expired sandbox resources and work folders of dead workers", async () => {
    const driver = new FakeSandboxDriver();
    const workRoot = path.join(context.work, `sweep-${randomBytes(3).toString("hex")}`);
    const h = await harness({ driver, workRoot, sweepIntervalMs: 100 });
    try {
      driver.leave("gone", "svc", Date.now() - 1);
      await createWorkFolder(workRoot, "gone", Date.now() - 1);
      await waitFor("the periodic sweep", async () => driver.held("gone").length === 0 && (await readdir(workRoot)).length === 0);
    } finally {
      await h.close();
    }
  });
});
