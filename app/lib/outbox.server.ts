// Every invitation email is written to OutboxEmail inside the transaction that creates or
// rotates the link. When SMTP_URL is set it is then sent, and the stored copy has the link
// redacted, so the database keeps no working link once the candidate has it. Without SMTP the
// message stays in the outbox for a person to forward.
import nodemailer, { type Transporter } from "nodemailer";
import type { Prisma } from "~/generated/prisma/client";
import { getConfig } from "./config.server";
import { prisma } from "./db.server";

export interface InvitationEmail {
  invitationId: string;
  to: string;
  subject: string;
  body: string;
  link: string;
}

export const REDACTED_LINK = "[link removed after sending]";

export async function queueEmail(tx: Prisma.TransactionClient, email: InvitationEmail): Promise<string> {
  const row = await tx.outboxEmail.create({ data: { invitationId: email.invitationId, to: email.to, subject: email.subject, body: email.body } });
  return row.id;
}

export function smtpConfigured(): boolean {
  return Boolean(getConfig().SMTP_URL);
}

let transport: Transporter | undefined;

function smtpTransport(url: string): Transporter {
  transport ??= nodemailer.createTransport(url);
  return transport;
}

function fromAddress(): string {
  return process.env.SMTP_FROM ?? `Hirekit <no-reply@${new URL(getConfig().PUBLIC_URL).hostname}>`;
}

/** Sends queued messages (called after the transaction commits); failures are kept on the row. */
export async function deliver(outboxIds: string[], links: Map<string, string>): Promise<{ sent: number; failed: number }> {
  const url = getConfig().SMTP_URL;
  if (!url || outboxIds.length === 0) return { sent: 0, failed: 0 };
  let sent = 0;
  let failed = 0;
  for (const id of outboxIds) {
    const row = await prisma.outboxEmail.findUniqueOrThrow({ where: { id } });
    try {
      await smtpTransport(url).sendMail({ from: fromAddress(), to: row.to, subject: row.subject, text: row.body });
      const link = links.get(id);
      const body = link ? row.body.split(link).join(REDACTED_LINK) : row.body;
      await prisma.outboxEmail.update({ where: { id }, data: { sentAt: new Date(), error: null, body } });
      sent++;
    } catch (error) {
      await prisma.outboxEmail.update({ where: { id }, data: { error: (error as Error).message.slice(0, 500) } });
      failed++;
    }
  }
  return { sent, failed };
}

export async function listOutbox(limit = 100) {
  return prisma.outboxEmail.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    include: { invitation: { select: { id: true, candidateName: true, revokedAt: true } } },
  });
}
