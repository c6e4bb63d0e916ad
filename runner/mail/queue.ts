import { Queue, type ConnectionOptions, type JobsOptions } from "bullmq";
import { z } from "zod";
import { doublingDelayMs, JOB_RETENTION } from "../contract/queue";

export const MAIL_QUEUE = "mail";
export const MAIL_JOB_NAME = "send";
export const MAIL_BACKOFF = "mail-exponential";
export const MAIL_ATTEMPTS = 10;
/** Retry n waits 15 s × 2^(n-1): 15 s, 30 s, … about 2 h for the last, about 4 h in all. */
export const MAIL_BASE_DELAY_MS = 15_000;

/** The job carries only the outbox row id: the message (and its link) never goes to Redis. */
export const mailJobSchema = z.strictObject({ outboxId: z.uuid() });

export const MAIL_JOB_OPTIONS: JobsOptions = {
  attempts: MAIL_ATTEMPTS,
  backoff: { type: MAIL_BACKOFF },
  ...JOB_RETENTION,
};

export function mailRetryDelayMs(attemptsMade: number, baseDelayMs = MAIL_BASE_DELAY_MS): number {
  return doublingDelayMs(attemptsMade, baseDelayMs);
}

export function createMailQueue(connection: ConnectionOptions, prefix?: string): Queue {
  return new Queue(MAIL_QUEUE, { connection, prefix, defaultJobOptions: MAIL_JOB_OPTIONS });
}

/** jobId is the outbox row id, so enqueuing a message twice sends it once. */
export async function enqueueEmails(queue: Queue, outboxIds: string[]): Promise<void> {
  if (outboxIds.length === 0) return;
  await queue.addBulk(
    outboxIds.map((outboxId) => ({ name: MAIL_JOB_NAME, data: mailJobSchema.parse({ outboxId }), opts: { ...MAIL_JOB_OPTIONS, jobId: outboxId } })),
  );
}
