import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/database";
import { openRedis } from "../contract/connections";
import { MAX_INCONCLUSIVE_RUNS, OVERLOADED_CAUSE } from "../contract/grading-host";
import { enqueueGrading, GRADING_QUEUE } from "../contract/queue";
import { createQueuedSubmission, FIXTURE_ASSESSMENTS_DIR, zipSolution } from "../fixtures/submissions";
import { ensureRuntimeImages } from "../images/ensure";
import { DockerSandboxDriver } from "../sandbox/docker-driver";
import type { ContentionReport } from "../sandbox/pressure";
import { startGradingWorker } from "./worker";

const redisUrl = () => process.env.TEST_REDIS_URL ?? inject("redisUrl");
const SHORT = { readySeconds: 8, testSeconds: 15, buildSeconds: 30 };

let db: TestDatabase;
let work: string;

beforeAll(async () => {
  await ensureRuntimeImages();
  db = await createTestDatabase();
  work = await mkdtemp(path.join(tmpdir(), "hirekit-inconclusive-test-"));
});
afterAll(async () => {
  await db?.drop();
  await rm(work, { recursive: true, force: true });
});

async function finished(submissionId: string) {
  const deadline = Date.now() + 150_000;
  for (;;) {
    const row = await db.prisma.submission.findUniqueOrThrow({ where: { id: submissionId } });
    if (["GRADED", "FAILED", "ERROR"].includes(row.status)) return row;
    if (Date.now() > deadline) throw new Error(`submission ${submissionId} did not finish`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Grades one submission with a worker whose driver judges the measured contention with `judge`
 * (the real measurement runs; only the verdict on it is scripted, as a starved host would give it).
 */
async function gradeWith(judge: (report: ContentionReport) => string | null) {
  const prefix = `hirekit-test-${randomBytes(4).toString("hex")}`;
  const judged: ContentionReport[] = [];
  const driver = new DockerSandboxDriver({
    judgeContention: (report) => {
      judged.push(report);
      return judge(report);
    },
  });
  const grading = await startGradingWorker({
    prisma: db.prisma,
    redis: (purpose) => openRedis(purpose, redisUrl()),
    assessmentsDir: FIXTURE_ASSESSMENTS_DIR,
    concurrency: 1,
    prefix,
    driver,
    limitOverrides: SHORT,
    inconclusiveRetryMs: 100,
    log: () => undefined,
  });
  const connection = openRedis("producer", redisUrl());
  const queue = new Queue(GRADING_QUEUE, { connection, prefix });
  try {
    const submissionId = await createQueuedSubmission(db.prisma, await zipSolution("node-fast", work));
    await enqueueGrading(queue, submissionId);
    const row = await finished(submissionId);
    // The row is saved before BullMQ records the job's end; wait for that too.
    let job = await queue.getJob(submissionId);
    for (let i = 0; i < 100 && job && (await job.getState()) !== "completed"; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = await queue.getJob(submissionId);
    }
    const attempts = await db.prisma.submission.count({ where: { invitationId: row.invitationId } });
    return { row, judged, attemptsMade: job?.attemptsMade ?? 0, attempts };
  } finally {
    await queue.close();
    connection.disconnect();
    await grading.close();
  }
}

describe("a test phase the host starved", () => {
  it("is not saved as a score: the submission is regraded and the candidate's attempt is not used", async () => {
    let runs = 0;
    const { row, judged, attemptsMade, attempts } = await gradeWith(() => (runs++ === 0 ? "the service waited for a CPU 9000 ms of 10000 ms" : null));
    expect(row.status).toBe("GRADED");
    expect(row.overallScore).toBe(1);
    expect(row.inconclusiveRuns).toBe(1);
    expect(judged).toHaveLength(2);
    // The measurement itself is real: the local engine's cgroups were read.
    expect(judged[0].service?.wallMs).toBeGreaterThan(0);
    // Only the run that counted spent a BullMQ attempt; the starved ones were put back without one.
    expect(attemptsMade).toBe(1);
    expect(attempts).toBe(1);
    const provenance = row.gradingProvenance as { assessment: { contentHash: string }; host: string; image: string; contention: unknown };
    expect(provenance.assessment.contentHash).toMatch(/^[0-9a-f]{16,}$/);
    expect(provenance.host).toBeTruthy();
    expect(provenance.image).toMatch(/hirekit\/runtime-node/);
    expect(provenance.contention).toBeTruthy();
  });

  it(`ends ERROR with the overloaded cause after ${MAX_INCONCLUSIVE_RUNS} starved runs, with no score and no attempt used`, async () => {
    const { row, judged, attemptsMade, attempts } = await gradeWith(() => "the prober waited for a CPU 5000 ms of 10000 ms");
    expect(row.status).toBe("ERROR");
    expect(row.failureReason).toMatch(new RegExp(`^${OVERLOADED_CAUSE}: ${MAX_INCONCLUSIVE_RUNS} test phases in a row were starved`));
    expect(row.overallScore).toBeNull();
    expect(row.inconclusiveRuns).toBe(MAX_INCONCLUSIVE_RUNS);
    expect(judged).toHaveLength(MAX_INCONCLUSIVE_RUNS);
    expect(await db.prisma.testResult.count({ where: { submissionId: row.id } })).toBe(0);
    // Only the run that counted spent a BullMQ attempt; the starved ones were put back without one.
    expect(attemptsMade).toBe(1);
    expect(attempts).toBe(1);
  });
});
