import type { Prisma } from "~/generated/prisma/client";
import type { ReviewInput } from "~/domain/scorecard/review-form";
import { emitReviewSubmitted } from "./api/webhooks.server";
import { audit } from "./audit.server";
import { prisma } from "./db.server";
import { HttpError } from "./http-error";

// Reviews are drafts until submitted; a submitted review is final, because its author has by
// then seen colleagues' ratings and any later change could be anchored on them.

type Snapshot = { recommendation: string | null; notes: string; ratings: Record<string, { rating: string; note: string }> };

function changesBetween(before: Snapshot, after: Snapshot): Prisma.InputJsonValue[] {
  const changes: Prisma.InputJsonValue[] = [];
  if (before.recommendation !== after.recommendation) changes.push({ field: "recommendation", from: before.recommendation, to: after.recommendation });
  if (before.notes !== after.notes) changes.push({ field: "notes", from: before.notes, to: after.notes });
  for (const id of new Set([...Object.keys(before.ratings), ...Object.keys(after.ratings)])) {
    const from = before.ratings[id] ?? null;
    const to = after.ratings[id] ?? null;
    if (from?.rating !== to?.rating || from?.note !== to?.note) changes.push({ field: `rating.${id}`, from, to });
  }
  return changes;
}

export async function saveReview(reviewerId: string, invitationId: string, input: ReviewInput): Promise<{ reviewId: string; submitted: boolean }> {
  const saved = await prisma.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { id: invitationId }, select: { id: true } });
    if (!invitation) throw new HttpError(`There is no invitation with id ${invitationId}.`, 404);
    const scorecard = await tx.scorecard.upsert({ where: { invitationId }, create: { invitationId }, update: {} });
    const existing = await tx.review.findUnique({
      where: { scorecardId_reviewerId: { scorecardId: scorecard.id, reviewerId } },
      include: { ratings: true },
    });
    if (existing?.submittedAt) throw new HttpError("You have already submitted your review; submitted reviews cannot be changed.", 409);

    const submitted = input.intent === "submit";
    const review = await tx.review.upsert({
      where: { scorecardId_reviewerId: { scorecardId: scorecard.id, reviewerId } },
      create: { scorecardId: scorecard.id, reviewerId, recommendation: input.recommendation, notes: input.notes, submittedAt: submitted ? new Date() : null },
      update: { recommendation: input.recommendation, notes: input.notes, submittedAt: submitted ? new Date() : null },
    });
    const rated = input.ratings.filter((entry) => entry.rating !== null);
    await tx.competencyRating.deleteMany({
      where: { reviewId: review.id, competencyId: { notIn: rated.map((entry) => entry.competencyId) } },
    });
    for (const entry of rated) {
      await tx.competencyRating.upsert({
        where: { reviewId_competencyId: { reviewId: review.id, competencyId: entry.competencyId } },
        create: { reviewId: review.id, competencyId: entry.competencyId, rating: entry.rating!, note: entry.note },
        update: { rating: entry.rating!, note: entry.note },
      });
    }

    const before: Snapshot = {
      recommendation: existing?.recommendation ?? null,
      notes: existing?.notes ?? "",
      ratings: Object.fromEntries((existing?.ratings ?? []).map((r) => [r.competencyId, { rating: r.rating, note: r.note }])),
    };
    const after: Snapshot = {
      recommendation: input.recommendation,
      notes: input.notes,
      ratings: Object.fromEntries(rated.map((entry) => [entry.competencyId, { rating: entry.rating!, note: entry.note }])),
    };
    await audit(tx, {
      actorId: reviewerId,
      action: submitted ? "review.submit" : existing ? "review.update" : "review.create",
      entityType: "Review",
      entityId: review.id,
      data: { invitationId, changes: changesBetween(before, after) },
    });
    return { reviewId: review.id, submitted };
  });
  if (saved.submitted) await emitReviewSubmitted(saved.reviewId);
  return saved;
}

export interface CommentInput {
  submissionId: string;
  path: string;
  /** Null for a comment on the whole file. */
  line: number | null;
  body: string;
}

/**
 * A code comment joins the reviewer's review (a draft is started when there is none), so it is
 * hidden from colleagues until that review is submitted, and final with it.
 */
export async function addReviewComment(reviewerId: string, invitationId: string, input: CommentInput): Promise<{ commentId: string }> {
  return prisma.$transaction(async (tx) => {
    const submission = await tx.submission.findUnique({ where: { id: input.submissionId }, select: { invitationId: true } });
    if (!submission || submission.invitationId !== invitationId) throw new HttpError("This attempt does not belong to this candidate.", 404);
    const scorecard = await tx.scorecard.upsert({ where: { invitationId }, create: { invitationId }, update: {} });
    const existing = await tx.review.findUnique({ where: { scorecardId_reviewerId: { scorecardId: scorecard.id, reviewerId } }, select: { id: true, submittedAt: true } });
    if (existing?.submittedAt) throw new HttpError("You have already submitted your review; comments belong to it and cannot be added now.", 409);
    const review = existing ?? (await tx.review.create({ data: { scorecardId: scorecard.id, reviewerId }, select: { id: true, submittedAt: true } }));
    const comment = await tx.reviewComment.create({ data: { reviewId: review.id, ...input } });
    await audit(tx, {
      actorId: reviewerId,
      action: "review.comment",
      entityType: "Review",
      entityId: review.id,
      data: { invitationId, submissionId: input.submissionId, path: input.path, line: input.line },
    });
    return { commentId: comment.id };
  });
}
