import { Queue, type ConnectionOptions, type JobsOptions } from "bullmq";
import { z } from "zod";
import { doublingDelayMs, JOB_RETENTION } from "../contract/queue";

export const WEBHOOK_QUEUE = "webhooks";
export const WEBHOOK_JOB_NAME = "deliver";
export const WEBHOOK_BACKOFF = "webhook-exponential";

export const webhookJobSchema = z.strictObject({ deliveryId: z.uuid() });

/**
 * 13 attempts; the consumer waits 21 s × 2^(n-1) before retry n (21 s, 42 s, … about 12 h), which
 * adds up to just under 24 h. Then the delivery fails and its subscription is disabled. The delay
 * is the consumer's (see consumer.ts), so producers in any process agree on it.
 */
export const WEBHOOK_ATTEMPTS = 13;
export const WEBHOOK_BASE_DELAY_MS = 21_000;

export const WEBHOOK_JOB_OPTIONS: JobsOptions = {
  attempts: WEBHOOK_ATTEMPTS,
  backoff: { type: WEBHOOK_BACKOFF },
  ...JOB_RETENTION,
};

export function retryDelayMs(attemptsMade: number, baseDelayMs = WEBHOOK_BASE_DELAY_MS): number {
  return doublingDelayMs(attemptsMade, baseDelayMs);
}

export function createWebhookQueue(connection: ConnectionOptions, prefix?: string): Queue {
  return new Queue(WEBHOOK_QUEUE, { connection, prefix, defaultJobOptions: WEBHOOK_JOB_OPTIONS });
}

/** jobId is the delivery id (plus the redelivery number), so enqueuing twice is harmless. */
export async function enqueueDelivery(queue: Queue, deliveryId: string, redelivery = 0): Promise<void> {
  const data = webhookJobSchema.parse({ deliveryId });
  await queue.add(WEBHOOK_JOB_NAME, data, { ...WEBHOOK_JOB_OPTIONS, jobId: redelivery > 0 ? `${deliveryId}-r${redelivery}` : deliveryId });
}
