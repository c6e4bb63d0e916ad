// Recruiter-side invitations: create (one or from CSV), list, revoke, extend, rotate the link,
// release feedback. Every change is audited in the transaction that makes it, and emails are
// queued in that same transaction (see outbox.server.ts).
import { z } from "zod";
import { safeText } from "~/domain/safe-text";
import type { Prisma } from "~/generated/prisma/client";
import { parseDeadline } from "~/domain/invitations/csv";
import { inviteEmail } from "~/domain/invitations/email";
import type { InvitationStatus } from "~/domain/invitations/state";
import { clockOf } from "~/domain/invitations/clock";
import { INVITATIONS_PAGE_SIZE as PAGE_SIZE, invitationStatus, STATUS_FILTERS } from "~/domain/invitations/state";
import { emitInvitationsCreated } from "./api/webhooks.server";
import { audit } from "./audit.server";
import { getConfig } from "./config.server";
import { prisma } from "./db.server";
import { createInviteToken, inviteLink } from "./invite-token.server";
import { enqueueOutbox, queueEmail, smtpConfigured } from "./outbox.server";
import { CHARGED_ATTEMPTS_COUNT, CHARGED_SUBMISSION } from "../../runner/contract/charged-attempts";

export class InvitationError extends Error {}

const DAY_MS = 86_400_000;

const futureDeadline = z
  .string({ error: "Enter a deadline" })
  .trim()
  .min(1, "Enter a deadline")
  .transform((value, ctx) => {
    const date = parseDeadline(value);
    if (!date) {
      ctx.addIssue({ code: "custom", message: "Enter a date like 2030-01-31 or a date and time" });
      return z.NEVER;
    }
    if (date.getTime() <= Date.now()) {
      ctx.addIssue({ code: "custom", message: "The deadline must be in the future" });
      return z.NEVER;
    }
    return date;
  });

const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : null));

export const InviteForm = z.object({
  candidateName: safeText({ error: "Enter the candidate's name" }).trim().min(1, "Enter the candidate's name").max(200, "Use at most 200 characters"),
  candidateEmail: z
    .string({ error: "Enter a valid email address" })
    .trim()
    .toLowerCase()
    .pipe(z.email("Enter a valid email address").max(254, "Use at most 254 characters")),
  assessmentId: safeText({ error: "Choose an assessment" }).trim().min(1, "Choose an assessment"),
  jobDescriptionId: optionalId,
  deadline: futureDeadline,
});

export const ImportForm = z.object({
  assessmentId: safeText({ error: "Choose an assessment" }).trim().min(1, "Choose an assessment"),
  jobDescriptionId: optionalId,
  deadline: futureDeadline,
});

export const ExtendForm = z.object({ invitationId: safeText().min(1), deadline: futureDeadline });
export const InvitationIdForm = z.object({ invitationId: safeText().min(1) });

export interface NewInvite {
  candidateName: string;
  candidateEmail: string;
  deadline: Date;
}

export interface CreatedInvite {
  invitationId: string;
  candidateName: string;
  candidateEmail: string;
  /** Shown once to the recruiter when no SMTP server is configured. */
  link: string;
}

export interface CreateOutcome {
  created: CreatedInvite[];
  emailed: boolean;
  emailFailures: number;
}

export function defaultDeadlineInput(now = new Date()): string {
  return new Date(now.getTime() + 7 * DAY_MS).toISOString().slice(0, 10);
}

async function checkTargets(tx: Prisma.TransactionClient, assessmentId: string, jobDescriptionId: string | null) {
  const assessment = await tx.assessment.findUnique({ where: { id: assessmentId } });
  if (!assessment || !assessment.active) throw new InvitationError("That assessment does not exist or is no longer active.");
  if (jobDescriptionId) {
    const jd = await tx.jobDescription.findUnique({ where: { id: jobDescriptionId }, select: { id: true } });
    if (!jd) throw new InvitationError("That job description does not exist.");
  }
  return assessment;
}

/** All invites are created in one transaction: either every row (and its email) exists, or none. */
export async function createInvitations(
  actorId: string,
  target: { assessmentId: string; jobDescriptionId: string | null },
  invites: NewInvite[],
  source: "form" | "csv" | "api",
): Promise<CreateOutcome> {
  const publicUrl = getConfig().PUBLIC_URL;
  const outboxIds: string[] = [];
  const created = await prisma.$transaction(async (tx) => {
    const assessment = await checkTargets(tx, target.assessmentId, target.jobDescriptionId);
    const rows: CreatedInvite[] = [];
    for (const invite of invites) {
      const { token, tokenHash } = createInviteToken();
      const link = inviteLink(publicUrl, token);
      const invitation = await tx.invitation.create({
        data: {
          tokenHash,
          candidateName: invite.candidateName,
          candidateEmail: invite.candidateEmail,
          assessmentId: assessment.id,
          jobDescriptionId: target.jobDescriptionId,
          deadline: invite.deadline,
          createdById: actorId,
        },
      });
      const message = inviteEmail({ ...invite, assessmentTitle: assessment.title, timeLimitMinutes: assessment.timeLimitMinutes, attemptLimit: assessment.attemptLimit, link, resent: false });
      outboxIds.push(await queueEmail(tx, { invitationId: invitation.id, to: invite.candidateEmail, ...message }));
      await audit(tx, {
        actorId,
        action: "invitation.create",
        entityType: "Invitation",
        entityId: invitation.id,
        data: { email: invite.candidateEmail, assessmentId: assessment.id, jobDescriptionId: target.jobDescriptionId, deadline: invite.deadline.toISOString(), source },
      });
      rows.push({ invitationId: invitation.id, candidateName: invite.candidateName, candidateEmail: invite.candidateEmail, link });
    }
    return rows;
  });
  const emailFailures = await enqueueOutbox(outboxIds);
  await emitInvitationsCreated(created.map((row) => row.invitationId));
  return { created, emailed: smtpConfigured(), emailFailures };
}

export async function formOptions() {
  const [assessments, jobDescriptions] = await Promise.all([
    prisma.assessment.findMany({ where: { active: true }, orderBy: [{ level: "asc" }, { title: "asc" }], select: { id: true, title: true, level: true } }),
    prisma.jobDescription.findMany({ where: { status: { not: "ARCHIVED" } }, orderBy: { updatedAt: "desc" }, select: { id: true, title: true, level: true }, take: 200 }),
  ]);
  return { assessments, jobDescriptions };
}

export const ListFilter = z.object({
  assessment: safeText().trim().optional().transform((v) => v || undefined),
  status: z.enum(STATUS_FILTERS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});

/** The database side of a status filter; shared by the invitations page and the API. */
export function statusWhere(status: InvitationStatus | undefined, now: Date): Prisma.InvitationWhereInput {
  switch (status) {
    case undefined:
      return {};
    case "revoked":
      return { revokedAt: { not: null } };
    case "submitted":
      return { revokedAt: null, submissions: { some: CHARGED_SUBMISSION } };
    // "expired" and "started" also depend on start + time limit, so those rows are narrowed
    // here and finished in memory by invitationStatus.
    case "expired":
      return { revokedAt: null, submissions: { none: CHARGED_SUBMISSION }, OR: [{ deadline: { lte: now } }, { startedAt: { not: null } }] };
    // A paused clock can run past the invite deadline, so "started" is not narrowed by it.
    case "started":
      return { revokedAt: null, submissions: { none: CHARGED_SUBMISSION }, startedAt: { not: null } };
    case "invited":
      return { revokedAt: null, submissions: { none: CHARGED_SUBMISSION }, startedAt: null, deadline: { gt: now } };
  }
}

export async function listInvitations(filter: z.infer<typeof ListFilter>, now = new Date()) {
  const where: Prisma.InvitationWhereInput = { ...statusWhere(filter.status, now), ...(filter.assessment ? { assessmentId: filter.assessment } : {}) };
  const rows = await prisma.invitation.findMany({
    where,
    orderBy: { createdAt: "desc" },
    include: {
      assessment: { select: { title: true, timeLimitMinutes: true, attemptLimit: true } },
      jobDescription: { select: { title: true } },
      clockPauses: { select: { startedAt: true, endedAt: true } },
      _count: CHARGED_ATTEMPTS_COUNT,
    },
  });
  const withStatus = rows
    .map((row) => ({
      id: row.id,
      candidateName: row.candidateName,
      candidateEmail: row.candidateEmail,
      assessmentTitle: row.assessment.title,
      jobTitle: row.jobDescription?.title ?? null,
      deadline: row.deadline,
      createdAt: row.createdAt,
      attempts: row._count.submissions,
      status: invitationStatus(clockOf(row, row._count.submissions, now), now),
    }))
    .filter((row) => !filter.status || row.status === filter.status);
  const start = (filter.page - 1) * PAGE_SIZE;
  return { total: withStatus.length, rows: withStatus.slice(start, start + PAGE_SIZE) };
}

export async function getInvitation(id: string) {
  const invitation = await prisma.invitation.findUnique({
    where: { id },
    include: {
      assessment: { select: { id: true, title: true, timeLimitMinutes: true, attemptLimit: true } },
      jobDescription: { select: { id: true, title: true } },
      createdBy: { select: { name: true, email: true } },
      clockPauses: { select: { startedAt: true, endedAt: true } },
      submissions: { orderBy: { attempt: "desc" }, select: { id: true, attempt: true, status: true, overallScore: true, createdAt: true, failureReason: true } },
      outbox: { orderBy: { createdAt: "desc" }, select: { id: true, subject: true, sentAt: true, error: true, createdAt: true } },
    },
  });
  if (!invitation) return null;
  const history = await prisma.auditLog.findMany({
    where: { entityType: "Invitation", entityId: id },
    orderBy: { createdAt: "desc" },
    take: 50,
    include: { actor: { select: { email: true } } },
  });
  return { invitation, history };
}

async function mutate<T>(id: string, work: (tx: Prisma.TransactionClient, invitation: Prisma.InvitationGetPayload<{ include: { assessment: true } }>) => Promise<T>): Promise<T> {
  return prisma.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { id }, include: { assessment: true } });
    if (!invitation) throw new InvitationError("That invitation does not exist.");
    return work(tx, invitation);
  });
}

export async function revokeInvitation(actorId: string, id: string): Promise<void> {
  await mutate(id, async (tx, invitation) => {
    if (invitation.revokedAt) throw new InvitationError("This invitation is already revoked.");
    await tx.invitation.update({ where: { id }, data: { revokedAt: new Date() } });
    await audit(tx, { actorId, action: "invitation.revoke", entityType: "Invitation", entityId: id });
  });
}

export async function extendInvitation(actorId: string, id: string, deadline: Date): Promise<void> {
  await mutate(id, async (tx, invitation) => {
    if (invitation.revokedAt) throw new InvitationError("A revoked invitation cannot be extended.");
    if (deadline <= invitation.deadline) throw new InvitationError("The new deadline must be later than the current one.");
    await tx.invitation.update({ where: { id }, data: { deadline } });
    await audit(tx, { actorId, action: "invitation.extend", entityType: "Invitation", entityId: id, data: { from: invitation.deadline.toISOString(), to: deadline.toISOString() } });
  });
}

/** Only the token's hash is stored, so "resend" issues a new link; the old one stops working. */
export async function resendInvitation(actorId: string, id: string): Promise<CreateOutcome> {
  const publicUrl = getConfig().PUBLIC_URL;
  const { outboxId, link, row } = await mutate(id, async (tx, invitation) => {
    if (invitation.revokedAt) throw new InvitationError("A revoked invitation cannot be resent.");
    const { token, tokenHash } = createInviteToken();
    const newLink = inviteLink(publicUrl, token);
    await tx.invitation.update({ where: { id }, data: { tokenHash } });
    const message = inviteEmail({
      candidateName: invitation.candidateName,
      assessmentTitle: invitation.assessment.title,
      timeLimitMinutes: invitation.assessment.timeLimitMinutes,
      attemptLimit: invitation.assessment.attemptLimit,
      deadline: invitation.deadline,
      link: newLink,
      resent: true,
    });
    const queued = await queueEmail(tx, { invitationId: id, to: invitation.candidateEmail, ...message });
    await audit(tx, { actorId, action: "invitation.resend", entityType: "Invitation", entityId: id, data: { rotatedToken: true } });
    return { outboxId: queued, link: newLink, row: invitation };
  });
  const emailFailures = await enqueueOutbox([outboxId]);
  return {
    created: [{ invitationId: id, candidateName: row.candidateName, candidateEmail: row.candidateEmail, link }],
    emailed: smtpConfigured(),
    emailFailures,
  };
}

export async function releaseFeedback(actorId: string, id: string): Promise<void> {
  await mutate(id, async (tx, invitation) => {
    if (invitation.feedbackReleasedAt) throw new InvitationError("Feedback is already released.");
    const graded = await tx.submission.count({ where: { invitationId: id, status: "GRADED" } });
    if (graded === 0) throw new InvitationError("There is no graded submission to give feedback on yet.");
    await tx.invitation.update({ where: { id }, data: { feedbackReleasedAt: new Date() } });
    await audit(tx, { actorId, action: "invitation.feedback-release", entityType: "Invitation", entityId: id });
  });
}
