import { OVERLOADED_CAUSE } from "../../runner/contract/grading-host";
import { prisma } from "~/lib/db.server";

const WINDOW_DAYS = 7;

/** What the system page shows about grading fairness: starved runs, overloaded submissions, calibrations. */
export async function gradingHostReport(now = new Date()) {
  const since = new Date(now.getTime() - WINDOW_DAYS * 24 * 3600 * 1000);
  const [overloaded, inconclusive, calibrations] = await Promise.all([
    prisma.submission.findMany({
      where: { status: "ERROR", failureReason: { startsWith: OVERLOADED_CAUSE }, updatedAt: { gte: since } },
      orderBy: { updatedAt: "desc" },
      take: 10,
      select: { id: true, failureReason: true, updatedAt: true, invitation: { select: { candidateName: true, assessment: { select: { slug: true } } } } },
    }),
    prisma.submission.aggregate({ where: { updatedAt: { gte: since }, inconclusiveRuns: { gt: 0 } }, _sum: { inconclusiveRuns: true }, _count: true }),
    prisma.gradingCalibration.findMany({
      orderBy: [{ host: "asc" }, { assessmentSlug: "asc" }, { createdAt: "desc" }],
      select: { id: true, host: true, assessmentSlug: true, runtimeImage: true, testPhaseMs: true, latencyScale: true, createdAt: true },
    }),
  ]);
  return {
    windowDays: WINDOW_DAYS,
    overloaded: overloaded.map((row) => ({
      id: row.id,
      reason: row.failureReason ?? OVERLOADED_CAUSE,
      at: row.updatedAt.toISOString(),
      candidate: row.invitation.candidateName,
      assessment: row.invitation.assessment.slug,
    })),
    inconclusiveRuns: inconclusive._sum.inconclusiveRuns ?? 0,
    submissionsRegraded: inconclusive._count,
    calibrations: calibrations.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
  };
}
