import { randomBytes, randomUUID } from "node:crypto";
import type { PrismaClient } from "~/generated/prisma/client";
import type { Prisma } from "~/generated/prisma/client";
import { completeJd } from "~/domain/jd/test-fixtures";
import { hashPassword } from "~/lib/password.server";
import { scoreResults } from "../../runner/scoring/score";

// Invitations, submissions and test results written straight into the database, the way the
// candidate pages and the runner would leave them, for the scorecard tests and bench.

export const PASSWORD = "scorecard-password-1";
export const WEIGHTS = { "api-design": 60, security: 40 };

export async function createUsers(prisma: PrismaClient) {
  const make = async (email: string, name: string, role: "ADMIN" | "RECRUITER" | "HIRING_MANAGER") =>
    prisma.user.create({ data: { email, name, role, passwordHash: await hashPassword(PASSWORD) } });
  return {
    admin: await make("admin@scorecard.test", "Ada Admin", "ADMIN"),
    recruiter: await make("recruiter@scorecard.test", "Rita Recruiter", "RECRUITER"),
    manager1: await make("manager1@scorecard.test", "Mona Manager", "HIRING_MANAGER"),
    manager2: await make("manager2@scorecard.test", "Milo Manager", "HIRING_MANAGER"),
  };
}

export async function createAssessmentAndJd(prisma: PrismaClient, createdById: string) {
  await prisma.competency.createMany({
    data: [
      ["api-design", "API design (catalog)", "Designs small REST endpoints with guidance"],
      ["security", "Application security (catalog)", "Knows the OWASP top ten"],
      ["database-design", "Database design (catalog)", "Writes simple SQL schemas"],
    ].map(([id, name, junior], index) => ({
      id,
      name,
      category: "technical",
      description: `${name} description`,
      juniorExpectation: junior,
      intermediateExpectation: `${name}: intermediate`,
      seniorExpectation: `${name}: senior`,
      sortOrder: index,
    })),
  });
  const assessment = await prisma.assessment.create({
    data: {
      id: "junior-scorecard",
      slug: "junior-scorecard",
      title: "Junior notes API",
      level: "JUNIOR",
      version: "1.0.0",
      timeLimitMinutes: 120,
      attemptLimit: 3,
      port: 3000,
      readinessPath: "/health",
      competencyWeights: WEIGHTS,
      limits: {},
      brief: "Build a notes API.",
      openapi: "openapi: 3.1.0",
      contentHash: "hash",
    },
  });
  const doc = completeJd("JUNIOR");
  const content = {
    ...doc,
    title: "Junior Backend Developer",
    sections: [
      {
        kind: "REQUIRED_SKILL" as const,
        heading: "What you bring",
        items: [
          { id: "i1", text: "Design clear HTTP APIs", competencyId: "api-design" as const, source: null },
          { id: "i2", text: "Model data in PostgreSQL", competencyId: "database-design" as const, source: null },
        ],
      },
      { kind: "NICE_TO_HAVE" as const, heading: "Nice to have", items: [{ id: "i3", text: "Some Redis", competencyId: "caching" as const, source: null }] },
    ],
  };
  const jd = await prisma.jobDescription.create({
    data: { slug: "junior-backend", title: "Junior Backend Developer", level: "JUNIOR", createdById, assessmentId: assessment.id, currentVersion: 1 },
  });
  await prisma.jobDescriptionVersion.create({ data: { jobDescriptionId: jd.id, number: 1, content: content as unknown as Prisma.InputJsonValue, createdById } });
  return { assessment, jd };
}

export interface TestSpec {
  testId: string;
  competencyId: string;
  points: number;
  outcome: "PASSED" | "FAILED" | "ERROR";
  visibility?: "PUBLIC" | "HIDDEN";
  message?: string;
  evidence?: Prisma.InputJsonValue;
}

export async function createInvitation(
  prisma: PrismaClient,
  options: { name: string; assessmentId: string; jobDescriptionId?: string; createdById: string },
) {
  return prisma.invitation.create({
    data: {
      tokenHash: randomBytes(32).toString("hex"),
      candidateName: options.name,
      candidateEmail: `${options.name.replace(/[^a-z0-9]/gi, "").toLowerCase() || "x"}@candidate.test`,
      assessmentId: options.assessmentId,
      jobDescriptionId: options.jobDescriptionId ?? null,
      deadline: new Date(Date.now() + 7 * 86_400_000),
      createdById: options.createdById,
    },
  });
}

/** A graded (or failed) attempt whose stored scores come from the runner's own scoring. */
export async function createAttempt(
  prisma: PrismaClient,
  invitationId: string,
  attempt: number,
  options: { status?: "GRADED" | "FAILED" | "QUEUED"; tests?: TestSpec[]; createdAt?: Date; failureReason?: string },
) {
  const tests = options.tests ?? [];
  const summary = tests.length
    ? scoreResults(
        tests.map((t) => ({ competency: t.competencyId, points: t.points, earned: t.outcome === "PASSED" ? t.points : 0 })),
        WEIGHTS,
      )
    : null;
  return prisma.submission.create({
    data: {
      id: randomUUID(),
      invitationId,
      attempt,
      status: options.status ?? "GRADED",
      failureReason: options.failureReason ?? null,
      archiveSha256: "0".repeat(64),
      archiveSize: 100,
      archivePath: `/tmp/${invitationId}-${attempt}.zip`,
      seed: 42,
      overallScore: summary?.overall ?? null,
      competencyScores: summary ? (summary.competencies as unknown as Prisma.InputJsonValue) : undefined,
      stageTimings: { extract: 12, build: 340, ready: 80, tests: 1250 },
      buildLog: `build output for attempt ${attempt}`,
      runLog: `server listening (attempt ${attempt})`,
      testsTotal: tests.length,
      testsDone: tests.length,
      createdAt: options.createdAt ?? new Date(),
      finishedAt: new Date(),
      testResults: {
        create: tests.map((t) => ({
          testId: t.testId,
          title: `Test ${t.testId}`,
          competencyId: t.competencyId,
          points: t.points,
          visibility: t.visibility ?? "PUBLIC",
          outcome: t.outcome,
          message: t.message ?? null,
          durationMs: 15,
          evidence: t.evidence ?? [],
        })),
      },
    },
  });
}
