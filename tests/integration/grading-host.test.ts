import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overloadedReason } from "../../runner/contract/grading-host";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { createInvite, FIXTURE_ASSESSMENTS_DIR, loginCookie, seedAssessment, seedUsers, tempDataDir, USERS } from "./candidate-fixtures";

// The admin system page shows what the fairness rules did: starved runs thrown away and regraded,
// submissions the overloaded host could not grade, and each host's reference calibrations.

let db: TestDatabase;
let app: AppServer;
let users: Awaited<ReturnType<typeof seedUsers>>;
let assessmentId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  users = await seedUsers(db.prisma);
  assessmentId = (await seedAssessment(db.prisma, { attemptLimit: 2, timeLimitMinutes: 60 })).id;
  app = await startAppServer({ DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL!, DATA_DIR: await tempDataDir(), ASSESSMENTS_DIR: FIXTURE_ASSESSMENTS_DIR });
});

afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

async function submission(status: "GRADED" | "ERROR", inconclusiveRuns: number, failureReason: string | null) {
  const { id: invitationId } = await createInvite(db.prisma, { assessmentId, createdById: users.recruiter, startedAt: new Date() });
  const row = await db.prisma.submission.create({
    data: { invitationId, attempt: 1, status: "QUEUED", archiveSha256: "0".repeat(64), archiveSize: 10, archivePath: "/nonexistent.zip", seed: 1 },
  });
  await db.prisma.submission.update({ where: { id: row.id }, data: { status, failureReason, inconclusiveRuns, finishedAt: new Date() } });
}

describe("the system page on grading fairness", () => {
  it("lists overloaded submissions with their cause, counts regraded starved runs and shows calibrations", async () => {
    await submission("ERROR", 3, overloadedReason("3 test phases in a row were starved of CPU (last: the service waited for a CPU 9000 ms of 10000 ms)"));
    await submission("GRADED", 1, null);
    await db.prisma.gradingCalibration.create({
      data: { host: "grader-7", assessmentSlug: "fixture", contentHash: "abc", runtimeImage: "hirekit/runtime-node:20@0123456789ab", testPhaseMs: 3100, figures: {}, latencyScale: 1.5 },
    });
    const admin = await loginCookie(app.url, USERS.admin.email, USERS.admin.password);
    // React separates adjacent text with empty comments.
    const html = (await (await fetch(`${app.url}/admin/system`, { headers: { Cookie: admin } })).text()).replaceAll("<!-- -->", "");
    expect(html).toContain("Grading host");
    expect(html).toMatch(/4 test phases thrown away because the host starved the service or the prober \(2 submissions regraded, no attempt used\)/);
    expect(html).toContain("1 ended in error because the grading host was overloaded");
    expect(html).toContain("the grading host was overloaded: 3 test phases in a row were starved of CPU");
    expect(html).toContain("grader-7");
    expect(html).toContain("×1.5");
  });
});
