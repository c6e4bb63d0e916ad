// The admin's regrade of submissions that ended ERROR (a fault on our side). Each one returns to
// QUEUED with its progress cleared and gets a fresh job, through the runner's own requeue (the
// same one the reconciler uses); every regrade is audited. Only ERROR rows are touched: a graded
// or failed result is the candidate's and is never regraded from here.
import type { Redis } from "ioredis";
import { requeueSubmission } from "../../runner/contract/requeue";
import { audit } from "./audit.server";
import { prisma } from "./db.server";
import { gradingQueue } from "./grading-queue.server";
import { createRedisConnection } from "./redis.server";

export const MAX_BULK_REGRADE = 500;

export interface RegradeReport {
  regraded: string[];
  /** Not in ERROR any more (already regraded, or never was), or its job is still live. */
  skipped: string[];
}

let publisher: Redis | undefined;

export async function regradeSubmissions(submissionIds: readonly string[], actorId: string, requestId?: string): Promise<RegradeReport> {
  publisher ??= createRedisConnection("producer");
  const report: RegradeReport = { regraded: [], skipped: [] };
  for (const id of new Set(submissionIds)) {
    const before = await prisma.submission.findUnique({ where: { id }, select: { status: true, failureReason: true, invitationId: true, attempt: true } });
    if (before?.status !== "ERROR" || !(await requeueSubmission({ prisma, queue: gradingQueue(), publisher }, id, { from: ["ERROR"], requestId }))) {
      report.skipped.push(id);
      continue;
    }
    await audit(prisma, {
      actorId,
      action: "submission.regrade",
      entityType: "Submission",
      entityId: id,
      data: { invitationId: before.invitationId, attempt: before.attempt, reason: before.failureReason },
    });
    report.regraded.push(id);
  }
  return report;
}

/** Every submission currently in ERROR, oldest first, for the admin's list. */
export async function listErroredSubmissions(take = MAX_BULK_REGRADE) {
  return prisma.submission.findMany({
    where: { status: "ERROR" },
    orderBy: { createdAt: "asc" },
    take,
    select: {
      id: true,
      attempt: true,
      failureReason: true,
      finishedAt: true,
      invitation: { select: { id: true, candidateName: true, assessment: { select: { title: true } } } },
    },
  });
}
