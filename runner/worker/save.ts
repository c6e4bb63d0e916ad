import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { GradeResult } from "../pipeline/grade";
import { ACTIVE_STATUSES } from "../contract/submission";

/** PostgreSQL text and jsonb refuse NUL; candidate output may contain anything. */
export function withoutNul<T>(value: T): T {
  if (typeof value === "string") return value.replaceAll("\u0000", "\uFFFD") as T;
  if (Array.isArray(value)) return value.map((item) => withoutNul(item)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [withoutNul(key), withoutNul(item)])) as T;
  }
  return value;
}

const OUTCOME = { passed: "PASSED", failed: "FAILED", error: "ERROR" } as const;
const VISIBILITY = { public: "PUBLIC", hidden: "HIDDEN" } as const;

function logText(log: string, notes: string[]): string {
  const header = notes.map((note) => `[hirekit] ${note}\n`).join("");
  return withoutNul(header + log);
}

/**
 * Saves a grading in one transaction: the submission's final state and its test results,
 * replacing any earlier set. A submission that is no longer in progress (another worker already
 * saved it) is left as it is, so grading twice leaves one result. Returns whether it was saved.
 */
export async function saveGradeResult(
  prisma: PrismaClient,
  submissionId: string,
  result: GradeResult,
  finishedAt = new Date(),
): Promise<boolean> {
  const results = withoutNul(result.results);
  return prisma.$transaction(async (tx) => {
    const updated = await tx.submission.updateMany({
      where: { id: submissionId, status: { in: ACTIVE_STATUSES } },
      data: {
        status: result.status,
        failureReason: result.reason === null ? null : withoutNul(result.reason),
        overallScore: result.scores?.overall ?? null,
        competencyScores: result.scores ? (result.scores.competencies as unknown as Prisma.InputJsonObject) : undefined,
        stageTimings: result.timings,
        buildLog: withoutNul(result.buildLog),
        runLog: logText(result.runLog, result.notes),
        testsTotal: result.results.length,
        testsDone: result.results.length,
        gradingProvenance: result.provenance as unknown as Prisma.InputJsonObject,
        finishedAt,
      },
    });
    if (updated.count === 0) return false;
    await tx.testResult.deleteMany({ where: { submissionId } });
    if (results.length > 0) {
      await tx.testResult.createMany({
        data: results.map((test) => ({
          submissionId,
          testId: test.id,
          title: test.title,
          competencyId: test.competency,
          points: test.points,
          earned: test.earned,
          visibility: VISIBILITY[test.visibility],
          outcome: OUTCOME[test.outcome],
          message: test.message ?? null,
          durationMs: Math.round(test.durationMs),
          evidence: test.evidence as object[],
        })),
      });
    }
    return true;
  });
}

/** The final attempt hit an infrastructure fault: the submission ends as ERROR with the cause. */
export async function markGradingError(prisma: PrismaClient, submissionId: string, reason: string): Promise<void> {
  await prisma.submission.updateMany({
    where: { id: submissionId, status: { in: ACTIVE_STATUSES } },
    data: { status: "ERROR", failureReason: withoutNul(reason).slice(0, 2000), finishedAt: new Date() },
  });
}

/**
 * The result is saved before the cleanup; its timing follows in this small update, which only
 * touches the grading it belongs to (the row saved at `finishedAt`), never a later regrade.
 */
export async function recordCleanupTiming(
  prisma: PrismaClient,
  submissionId: string,
  finishedAt: Date,
  timings: GradeResult["timings"],
): Promise<boolean> {
  const updated = await prisma.submission.updateMany({ where: { id: submissionId, finishedAt }, data: { stageTimings: timings } });
  return updated.count > 0;
}
