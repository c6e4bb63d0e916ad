// The worker's /metrics after one real grading: queue wait, stage durations by outcome, the
// container start latency and the queue depth, in Prometheus text on the worker's own port.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRedis } from "../contract/connections";
import { enqueueGrading } from "../contract/queue";
import { createQueuedSubmission, FIXTURE_ASSESSMENTS_DIR, zipSolution } from "../fixtures/submissions";
import { finishedRow, newPrefix, redisUrl, workerTestContext } from "../fixtures/worker-harness";
import { ensureRuntimeImages } from "../images/ensure";
import { startGradingWorker, type GradingWorker } from "./worker";

const context = workerTestContext("worker-metrics");
const prefix = newPrefix();
let worker: GradingWorker;

beforeAll(async () => {
  await ensureRuntimeImages();
  worker = await startGradingWorker({
    prisma: context.db.prisma,
    redis: (purpose) => openRedis(purpose, redisUrl()),
    assessmentsDir: FIXTURE_ASSESSMENTS_DIR,
    concurrency: 1,
    prefix,
    metrics: { port: 0, host: "127.0.0.1" },
    log: () => undefined,
  });
});

afterAll(async () => {
  await worker?.queue.obliterate({ force: true });
  await worker?.close();
});

const sample = (text: string, series: string): number | null => {
  const line = text.split("\n").find((row) => row.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
};

describe("worker metrics", () => {
  it("counts a grading's wait, stages, outcome and container start", async () => {
    const submissionId = await createQueuedSubmission(context.db.prisma, await zipSolution("node-fast", context.work));
    await enqueueGrading(worker.queue, submissionId);
    const row = await finishedRow(context.db, submissionId, 120_000);
    expect(row.status).toBe("GRADED");
    const response = await fetch(`http://127.0.0.1:${worker.metricsPort}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(sample(text, "hirekit_grading_queue_wait_seconds_count")).toBe(1);
    expect(sample(text, 'hirekit_grading_duration_seconds_count{outcome="GRADED"}')).toBe(1);
    expect(sample(text, 'hirekit_grading_stage_duration_seconds_count{stage="tests",outcome="GRADED"}')).toBe(1);
    expect(sample(text, "hirekit_container_start_seconds_count")).toBe(1);
    expect(sample(text, "hirekit_grading_inconclusive_total")).toBe(0);
    expect(sample(text, 'hirekit_grading_queue_depth{state="waiting"}')).toBe(0);
    expect(text).toContain("process_cpu_seconds_total");
  });
});
