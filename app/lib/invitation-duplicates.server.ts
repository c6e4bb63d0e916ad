import { prisma } from "./db.server";

// Inviting someone twice to the same assessment is nearly always a slip (a second recruiter, a
// re-run import). The single-invite form warns and the CSV import skips such rows, unless the
// recruiter asks to invite again on purpose.

export interface OpenInvitation {
  id: string;
  candidateEmail: string;
  createdAt: Date;
  deadline: Date;
}

/** Open (not withdrawn, deadline ahead) invitations to `assessmentId` for any of `emails`, by lower-cased email. */
export async function openInvitationsFor(assessmentId: string, emails: string[], now = new Date()): Promise<Map<string, OpenInvitation>> {
  if (emails.length === 0) return new Map();
  const rows = await prisma.invitation.findMany({
    where: {
      assessmentId,
      revokedAt: null,
      deadline: { gt: now },
      candidateEmail: { in: [...new Set(emails.map((e) => e.toLowerCase()))], mode: "insensitive" },
    },
    orderBy: { createdAt: "desc" },
    select: { id: true, candidateEmail: true, createdAt: true, deadline: true },
  });
  const open = new Map<string, OpenInvitation>();
  for (const row of rows) if (!open.has(row.candidateEmail.toLowerCase())) open.set(row.candidateEmail.toLowerCase(), row);
  return open;
}

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export function duplicateReason(invitation: OpenInvitation): string {
  return `${invitation.candidateEmail} already has an open invitation to this assessment (sent ${day.format(invitation.createdAt)}, open until ${day.format(invitation.deadline)})`;
}

/** Job description → its linked assessment, so choosing a JD preselects the assessment. */
export async function assessmentsByJd(): Promise<Record<string, string>> {
  const rows = await prisma.jobDescription.findMany({ where: { assessmentId: { not: null }, status: { not: "ARCHIVED" } }, select: { id: true, assessmentId: true } });
  return Object.fromEntries(rows.map((row) => [row.id, row.assessmentId!]));
}
