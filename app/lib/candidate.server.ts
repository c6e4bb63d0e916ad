// Everything a candidate reaches is looked up through the link's token hash; submission ids in
// URLs are only honoured together with the invitation they belong to, so one link can never
// read another invitation's data.
import { data } from "@remix-run/node";
import { clockOf } from "~/domain/invitations/clock";
import { candidateFailureReason } from "~/domain/invitations/grading-faults";
import { canStart, effectiveDeadline, attemptsLeft, type InvitationClock } from "~/domain/invitations/state";
import { audit } from "./audit.server";
import { prisma } from "./db.server";
import { hashInviteToken, isWellFormedToken } from "./invite-token.server";
import { CHARGED_SUBMISSION } from "../../runner/contract/charged-attempts";

const NOT_FOUND = "This link is not valid. Check that you copied the whole link from your invitation email.";

export async function findInvitationByToken(token: string | undefined) {
  if (!isWellFormedToken(token)) return null;
  return prisma.invitation.findUnique({ where: { tokenHash: hashInviteToken(token) }, include: CLOCK_INCLUDE });
}

export type CandidateInvitation = NonNullable<Awaited<ReturnType<typeof findInvitationByToken>>>;

/** Throws a 404 for unknown links and a 410 for revoked ones, before anything else is read. */
export async function requireCandidate(token: string | undefined): Promise<CandidateInvitation> {
  const invitation = await findInvitationByToken(token);
  if (!invitation) throw data(NOT_FOUND, { status: 404, statusText: "Not Found" });
  if (invitation.revokedAt) throw data("This invitation has been withdrawn. Contact the recruiter if you think this is a mistake.", { status: 410, statusText: "Gone" });
  return invitation;
}

/** Submissions that ended ERROR (our fault) are not counted: see grading-faults.ts. */
export async function attemptsUsed(invitationId: string): Promise<number> {
  return prisma.submission.count({ where: { invitationId, ...CHARGED_SUBMISSION } });
}

/** What clockOf (app/domain/invitations/clock.ts) needs with the invitation: the assessment's limits and the clock's pauses. */
export const CLOCK_INCLUDE = { assessment: true, clockPauses: { select: { startedAt: true, endedAt: true } } } as const;

export function clockSummary(clock: InvitationClock, now: Date) {
  return {
    started: clock.startedAt !== null,
    startedAt: clock.startedAt?.toISOString() ?? null,
    deadline: effectiveDeadline(clock).toISOString(),
    inviteDeadline: clock.deadline.toISOString(),
    attemptsLeft: attemptsLeft(clock),
    attemptLimit: clock.attemptLimit,
    timeLimitMinutes: clock.timeLimitMinutes,
    now: now.toISOString(),
  };
}

export const START_REFUSALS = {
  revoked: "This invitation has been withdrawn.",
  "deadline-passed": "The deadline for this invitation has passed.",
  "already-started": "The assessment is already running.",
} as const;

/** Starting is idempotent in effect: the clock is set once, by whichever request wins. */
export async function startAssessment(invitation: CandidateInvitation, now = new Date()): Promise<{ ok: true } | { ok: false; message: string }> {
  const verdict = canStart(clockOf(invitation, 0), now);
  if (!verdict.ok) return verdict.reason === "already-started" ? { ok: true } : { ok: false, message: START_REFUSALS[verdict.reason] };
  await prisma.$transaction(async (tx) => {
    const updated = await tx.invitation.updateMany({ where: { id: invitation.id, startedAt: null, revokedAt: null }, data: { startedAt: now } });
    if (updated.count === 1) await audit(tx, { actorId: null, action: "candidate.start", entityType: "Invitation", entityId: invitation.id });
  });
  return { ok: true };
}

/** The candidate's view of their attempts: an ERROR's internal cause is replaced by a fixed message. */
export async function listAttempts(invitationId: string) {
  const rows = await prisma.submission.findMany({
    where: { invitationId },
    orderBy: { attempt: "desc" },
    select: { id: true, attempt: true, status: true, createdAt: true, finishedAt: true, failureReason: true, testsDone: true, testsTotal: true },
  });
  return rows.map((row) => ({ ...row, failureReason: candidateFailureReason(row.status, row.failureReason) }));
}

export async function findCandidateSubmission(invitationId: string, submissionId: string | null | undefined) {
  if (!submissionId || !/^[0-9a-f-]{36}$/i.test(submissionId)) return null;
  return prisma.submission.findFirst({ where: { id: submissionId, invitationId } });
}

export async function candidateResults(submissionId: string) {
  return prisma.testResult.findMany({
    where: { submissionId },
    orderBy: [{ competencyId: "asc" }, { testId: "asc" }],
    select: { testId: true, title: true, competencyId: true, points: true, visibility: true, outcome: true, message: true, evidence: true },
  });
}

export const NO_STORE_HEADERS = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "no-referrer" };
