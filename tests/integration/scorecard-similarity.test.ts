import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Queue, QueueEvents, Worker } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeZip } from "../../runner/fixtures/archives";
import { checkSimilarity } from "../../runner/similarity/check";
import { SIMILARITY_QUEUE } from "../../runner/similarity/queue";
import { startSimilarityWorker, type SimilarityWorker } from "../../runner/similarity/worker";
import { disguised, independent, original, starter } from "~/domain/similarity/test-samples";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssessmentAndJd, createAttempt, createInvitation, createUsers } from "./scorecard-fixtures";

let db: TestDatabase;
let dir: string;
let assessmentsDir: string;
const submissions: Record<string, string> = {};
const invitations: Record<string, string> = {};
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:63829";
const prefix = `hirekit-test-similarity-${process.pid}`;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), "hirekit-similarity-test-"));
  assessmentsDir = path.join(dir, "assessments");
  const users = await createUsers(db.prisma);
  const { assessment } = await createAssessmentAndJd(db.prisma, users.recruiter.id);
  await mkdir(path.join(assessmentsDir, assessment.slug, "starter"), { recursive: true });
  await writeFile(path.join(assessmentsDir, assessment.slug, "starter", "server.js"), starter);
  const solutions = { original, disguised, independent };
  let minute = 60;
  for (const [name, source] of Object.entries(solutions)) {
    const invitation = await createInvitation(db.prisma, { name, assessmentId: assessment.id, createdById: users.recruiter.id });
    invitations[name] = invitation.id;
    const archive = await makeZip(path.join(dir, `${name}.zip`), [{ name: `${name}/${name.endsWith("t") ? "main.py" : "server.js"}`, content: source }]);
    const attempt = await createAttempt(db.prisma, invitation.id, 1, { createdAt: new Date(Date.now() - minute-- * 60_000), tests: [] });
    await db.prisma.submission.update({ where: { id: attempt.id }, data: { archivePath: archive } });
    submissions[name] = attempt.id;
  }
  // The original author's second attempt: the same code again, which is never a match with itself.
  const again = await createAttempt(db.prisma, invitations.original, 2, { createdAt: new Date(), tests: [] });
  await db.prisma.submission.update({ where: { id: again.id }, data: { archivePath: path.join(dir, "original.zip") } });
  submissions.originalAgain = again.id;
});

afterAll(async () => {
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("similarity check", () => {
  it("flags exactly the disguised copy, stores fingerprints, and never matches a candidate's own attempts", async () => {
    for (const name of ["original", "disguised", "independent", "originalAgain"]) {
      expect(await checkSimilarity(db.prisma, submissions[name], assessmentsDir)).toMatchObject({ status: "checked" });
    }
    const matches = await db.prisma.similarityMatch.findMany({ orderBy: { createdAt: "asc" } });
    const nameOf = (id: string) => Object.entries(submissions).find(([, value]) => value === id)![0];
    // The disguised copy matches the original; the original's later attempt matches the copy
    // (the same pair of candidates). The independent solution and the author's own attempts never do.
    expect(matches.map((m) => [nameOf(m.submissionId), nameOf(m.otherSubmissionId)]).sort()).toEqual([
      ["disguised", "original"],
      ["originalAgain", "disguised"],
    ]);
    for (const match of matches) expect(match.score).toBeGreaterThan(0.5);
    expect(matches[0].regions).toEqual(expect.arrayContaining([expect.objectContaining({ a: expect.objectContaining({ file: "server.js" }) })]));
    expect(await db.prisma.similarityFingerprint.count()).toBe(4);
    // Checking again replaces, never duplicates.
    await checkSimilarity(db.prisma, submissions.disguised, assessmentsDir);
    expect(await db.prisma.similarityMatch.count()).toBe(2);
  });

  it("runs as its own BullMQ job, queued when a grading job completes", async () => {
    await db.prisma.similarityMatch.deleteMany();
    const worker: SimilarityWorker = await startSimilarityWorker({
      prisma: db.prisma,
      redis: () => new Redis(redisUrl, { maxRetriesPerRequest: null }),
      assessmentsDir,
      prefix,
      log: () => undefined,
    });
    const eventsConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const events = new QueueEvents(SIMILARITY_QUEUE, { connection: eventsConnection, prefix });
    try {
      await events.waitUntilReady();
      const done = new Promise<void>((resolve, reject) => {
        events.on("completed", () => resolve());
        events.on("failed", ({ failedReason }) => reject(new Error(failedReason)));
      });
      // A grading job completing (jobId = submissionId) is what queues the check.
      const gradingConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
      const gradingQueue = new Queue("grading", { connection: gradingConnection, prefix });
      const graderConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
      const grader = new Worker("grading", async () => "graded", { connection: graderConnection, prefix });
      try {
        await gradingQueue.add("grade", { submissionId: submissions.disguised }, { jobId: submissions.disguised });
        await done;
      } finally {
        await grader.close();
        await gradingQueue.close();
        gradingConnection.disconnect();
        graderConnection.disconnect();
      }
      expect(await db.prisma.similarityMatch.count({ where: { OR: [{ submissionId: submissions.disguised }, { otherSubmissionId: submissions.disguised }] } })).toBe(2);
    } finally {
      await events.close();
      eventsConnection.disconnect();
      await worker.close();
    }
  });
});
