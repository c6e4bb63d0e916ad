// Every invitation email is written to OutboxEmail inside the transaction that creates or
// rotates the link. When SMTP_URL is set, each row then becomes a job on the mail queue and the
// worker sends it (runner/mail/consumer.ts), redacting the link from the stored copy once sent,
// so the database keeps no working link once the candidate has it. Without SMTP the message
// stays in the outbox for a person to forward.
import type { Queue } from "bullmq";
import type { Prisma } from "~/generated/prisma/client";
import { createMailQueue, enqueueEmails } from "../../runner/mail/queue";
import { getConfig } from "./config.server";
import { prisma } from "./db.server";
import { createRedisConnection } from "./redis.server";

export interface InvitationEmail {
  invitationId: string;
  to: string;
  subject: string;
  body: string;
}

export async function queueEmail(tx: Prisma.TransactionClient, email: InvitationEmail): Promise<string> {
  const row = await tx.outboxEmail.create({ data: { invitationId: email.invitationId, to: email.to, subject: email.subject, body: email.body } });
  return row.id;
}

export function smtpConfigured(): boolean {
  return Boolean(getConfig().SMTP_URL);
}

let queue: Queue | undefined;

function mailQueue(): Queue {
  queue ??= createMailQueue(createRedisConnection("producer"), getConfig().RUNNER_QUEUE_PREFIX);
  return queue;
}

/**
 * Hands committed outbox rows to the mail queue and returns at once; returns how many could not be
 * queued (their rows say why and stay in the outbox for a person to forward).
 */
export async function enqueueOutbox(outboxIds: string[]): Promise<number> {
  if (!smtpConfigured() || outboxIds.length === 0) return 0;
  try {
    await enqueueEmails(mailQueue(), outboxIds);
    await prisma.outboxEmail.updateMany({ where: { id: { in: outboxIds } }, data: { queuedAt: new Date() } });
    return 0;
  } catch (error) {
    const message = `could not be queued for sending: ${(error as Error).message}`.slice(0, 500);
    await prisma.outboxEmail.updateMany({ where: { id: { in: outboxIds } }, data: { error: message } });
    return outboxIds.length;
  }
}

export async function listOutbox(limit = 100) {
  return prisma.outboxEmail.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    include: { invitation: { select: { id: true, candidateName: true, revokedAt: true } } },
  });
}
