import type { Queue } from "bullmq";
import type { PrismaClient } from "~/generated/prisma/client";
import { SUBMISSION_SELECT, submissionResource } from "../../app/domain/api/resources";
import { enqueueDeliveries, recordWebhookEvent } from "./emit";

const ANNOUNCED = "submission.webhook-announced";

/**
 * submission.graded / submission.failed, emitted by the grading worker once a submission has its
 * final state. The payload is the API's own submission resource, so a webhook and a later
 * GET /api/v1/submissions/{id} carry the same figures. Safe to call after every job, finished or
 * failed: only a final state is announced, once (an audit row marks it, in the transaction that
 * records its deliveries).
 */
export async function emitSubmissionResult(prisma: PrismaClient, queue: Queue, submissionId: string, publicUrl: string): Promise<string[]> {
  const ids = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`hirekit:webhooks:submission:${submissionId}`}))`;
    const row = await tx.submission.findUnique({ where: { id: submissionId }, select: SUBMISSION_SELECT });
    if (!row || (row.status !== "GRADED" && row.status !== "FAILED" && row.status !== "ERROR")) return [];
    // One announcement per final state: an ERROR that an admin regrades ends in a new one.
    const finishedAt = (row.finishedAt ?? row.createdAt).toISOString();
    const announced = await tx.auditLog.count({
      where: { action: ANNOUNCED, entityType: "Submission", entityId: submissionId, data: { path: ["finishedAt"], equals: finishedAt } },
    });
    if (announced > 0) return [];
    const event = row.status === "GRADED" ? "submission.graded" : "submission.failed";
    const recorded = await recordWebhookEvent(tx, event, { submission: submissionResource(row, publicUrl) });
    await tx.auditLog.create({ data: { actorId: null, action: ANNOUNCED, entityType: "Submission", entityId: submissionId, data: { event, status: row.status, finishedAt } } });
    return recorded;
  });
  await enqueueDeliveries(queue, ids);
  return ids;
}
