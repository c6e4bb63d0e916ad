import type { Queue } from "bullmq";
import type { PrismaClient } from "~/generated/prisma/client";
import { SUBMISSION_SELECT, submissionResource } from "../../app/domain/api/resources";
import { emitWebhookEvent } from "./emit";

/**
 * submission.graded / submission.failed, emitted by the grading worker right after it saves a
 * result. The payload is the API's own submission resource, so a webhook and a later
 * GET /api/v1/submissions/{id} carry the same figures.
 */
export async function emitSubmissionResult(prisma: PrismaClient, queue: Queue, submissionId: string, publicUrl: string): Promise<string[]> {
  const row = await prisma.submission.findUnique({ where: { id: submissionId }, select: SUBMISSION_SELECT });
  if (!row || (row.status !== "GRADED" && row.status !== "FAILED" && row.status !== "ERROR")) return [];
  const event = row.status === "GRADED" ? "submission.graded" : "submission.failed";
  return emitWebhookEvent(prisma, queue, event, { submission: submissionResource(row, publicUrl) });
}
