// A worker on another host shares only PostgreSQL and Redis with the web server: an uploaded
// archive must reach it through the database, not the web server's DATA_DIR.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRedis } from "../contract/connections";
import { startAppServer, type AppServer } from "../../tests/support/app-server";
import {
  archiveForm,
  createInvite,
  FIXTURE_ASSESSMENTS_DIR,
  postMultipart,
  seedAssessment,
  seedUsers,
  tempDataDir,
} from "../../tests/integration/candidate-fixtures";
import { makeZip } from "../fixtures/archives";
import { solutionDir } from "../fixtures/grading";
import { ensureRuntimeImages } from "../images/ensure";
import { finishedRow, newPrefix, redisUrl, workerTestContext } from "../fixtures/worker-harness";
import { startGradingWorker, type GradingWorker } from "./worker";

const context = workerTestContext("shared-archives");
const prefix = newPrefix();
let app: AppServer;
let webDataDir: string;
let workerDataDir: string;
let worker: GradingWorker | undefined;

beforeAll(async () => {
  await ensureRuntimeImages();
  webDataDir = await tempDataDir();
  workerDataDir = await mkdtemp(path.join(tmpdir(), "hirekit-other-worker-"));
  app = await startAppServer({
    DATABASE_URL: context.db.url,
    REDIS_URL: redisUrl(),
    DATA_DIR: webDataDir,
    ASSESSMENTS_DIR: FIXTURE_ASSESSMENTS_DIR,
    RUNNER_QUEUE_PREFIX: prefix,
  });
});

afterAll(async () => {
  await worker?.close();
  await app?.stop();
  await rm(webDataDir, { recursive: true, force: true });
  await rm(workerDataDir, { recursive: true, force: true });
});

describe("archives reachable by every worker", () => {
  it("grades an upload with a worker whose DATA_DIR is not the web server's", async () => {
    const { recruiter } = await seedUsers(context.db.prisma);
    const { id: assessmentId } = await seedAssessment(context.db.prisma);
    const { id: invitationId, token } = await createInvite(context.db.prisma, { assessmentId, createdById: recruiter, startedAt: new Date() });
    const source = solutionDir("node-fast");
    const zipPath = await makeZip(path.join(workerDataDir, "upload.zip"), [
      { name: "server.js", content: await readFile(path.join(source, "server.js")) },
      { name: "package.json", content: await readFile(path.join(source, "package.json")) },
    ]);
    const upload = await postMultipart(app.url, `/c/${token}`, archiveForm(await readFile(zipPath), "solution.zip"));
    expect(upload.status).toBe(302);
    const submission = await context.db.prisma.submission.findFirstOrThrow({ where: { invitationId } });
    // Nothing of the upload is left on the web server's disk for a worker to find.
    await rm(webDataDir, { recursive: true, force: true });

    worker = await startGradingWorker({
      prisma: context.db.prisma,
      redis: (purpose) => openRedis(purpose, redisUrl()),
      assessmentsDir: FIXTURE_ASSESSMENTS_DIR,
      concurrency: 1,
      prefix,
      bundleDir: path.join(workerDataDir, "bundles"),
      workRoot: path.join(workerDataDir, "work"),
      log: () => undefined,
    });
    const row = await finishedRow(context.db, submission.id, 120_000);
    expect(row.status, row.failureReason ?? "").toBe("GRADED");
    expect(row.archivePath).toBe(`db:${submission.id}`);
  });
});
