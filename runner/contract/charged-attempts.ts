// What counts as an attempt, as Prisma filters: every submission except one that ended ERROR (a
// fault on our side, see app/domain/invitations/grading-faults.ts). The candidate page, the staff
// list, the API and the webhooks (the worker's expiry sweep included) all count with these, so
// none of them charges our faults.
import type { Prisma } from "~/generated/prisma/client";

export const CHARGED_SUBMISSION = { status: { not: "ERROR" } } as const satisfies Prisma.SubmissionWhereInput;

/** `_count` of the charged submissions, for an invitation query's include. */
export const CHARGED_ATTEMPTS_COUNT = { select: { submissions: { where: CHARGED_SUBMISSION } } } as const;

/** What invitationResource (app/domain/api/resources.ts) needs with an invitation, its clock included. */
export const INVITATION_RESOURCE_INCLUDE = {
  assessment: { select: { timeLimitMinutes: true, attemptLimit: true } },
  clockPauses: { select: { startedAt: true, endedAt: true } },
  _count: CHARGED_ATTEMPTS_COUNT,
} as const satisfies Prisma.InvitationInclude;
