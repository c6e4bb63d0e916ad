// The invitation mail consumer: the grading worker process runs it (runner/worker/main.ts). One
// job per outbox row: send it over SMTP, record the attempt on the row, redact the candidate link
// from the stored copy once sent; a failed send throws so BullMQ retries it with backoff.
import { UnrecoverableError, Worker, type Job, type Queue } from "bullmq";
import type { Redis } from "ioredis";
import nodemailer, { type Transporter } from "nodemailer";
import type { PrismaClient } from "~/generated/prisma/client";
import { createMailQueue, MAIL_BACKOFF, MAIL_QUEUE, mailJobSchema, mailRetryDelayMs } from "./queue";
import { redactCandidateLinks } from "./redact";

export interface MailConsumerOptions {
  prisma: PrismaClient;
  redis: () => Redis;
  prefix?: string;
  smtpUrl: string;
  from: string;
  baseDelayMs?: number;
  concurrency?: number;
  log?: (line: string) => void;
}

export interface MailConsumer {
  worker: Worker;
  queue: Queue;
  close(): Promise<void>;
}

export function defaultFromAddress(publicUrl: string): string {
  return `Hirekit <no-reply@${new URL(publicUrl).hostname}>`;
}

async function send(job: Job, options: MailConsumerOptions, transport: Transporter): Promise<"sent" | "skipped"> {
  const parsed = mailJobSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError("malformed mail job");
  const { outboxId } = parsed.data;
  const row = await options.prisma.outboxEmail.findUnique({ where: { id: outboxId } });
  if (!row) throw new UnrecoverableError(`outbox email ${outboxId} does not exist`);
  // A job that runs again after its acknowledgement was lost must not mail the candidate twice.
  if (row.sentAt) return "skipped";
  await options.prisma.outboxEmail.update({ where: { id: outboxId }, data: { attempts: { increment: 1 }, lastAttemptAt: new Date() } });
  try {
    await transport.sendMail({ from: options.from, to: row.to, subject: row.subject, text: row.body });
  } catch (error) {
    const message = (error as Error).message.slice(0, 500);
    await options.prisma.outboxEmail.update({ where: { id: outboxId }, data: { error: message } });
    throw new Error(message);
  }
  await options.prisma.outboxEmail.update({ where: { id: outboxId }, data: { sentAt: new Date(), error: null, body: redactCandidateLinks(row.body) } });
  return "sent";
}

export async function startMailConsumer(options: MailConsumerOptions): Promise<MailConsumer> {
  const log = options.log ?? ((line: string) => console.log(`[mail] ${line}`));
  const transport = nodemailer.createTransport(options.smtpUrl);
  const queueConnection = options.redis();
  const workerConnection = options.redis();
  const queue = createMailQueue(queueConnection, options.prefix);
  const worker = new Worker(MAIL_QUEUE, (job) => send(job, options, transport), {
    connection: workerConnection,
    prefix: options.prefix,
    concurrency: options.concurrency ?? 4,
    settings: { backoffStrategy: (attemptsMade, type) => (type === MAIL_BACKOFF ? mailRetryDelayMs(attemptsMade, options.baseDelayMs) : 0) },
  });
  worker.on("error", (error) => log(`queue error: ${error.message}`));
  worker.on("failed", (job, error) => {
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) log(`outbox email ${job.id} failed for good: ${error.message}`);
  });
  await worker.waitUntilReady();
  return {
    worker,
    queue,
    close: async () => {
      await worker.close();
      await queue.close();
      transport.close();
      queueConnection.disconnect();
      workerConnection.disconnect();
    },
  };
}
