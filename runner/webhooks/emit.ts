import { randomUUID } from "node:crypto";
import type { Queue } from "bullmq";
import type { PrismaClient } from "~/generated/prisma/client";
import type { WebhookEnvelope, WebhookEvent } from "./events";
import { enqueueDelivery } from "./queue";

type EmitClient = Pick<PrismaClient, "webhookSubscription" | "webhookDelivery">;

/** One PENDING delivery row per active subscription to `event`; returns their ids. */
export async function recordWebhookEvent(prisma: EmitClient, event: WebhookEvent, data: unknown, now = new Date()): Promise<string[]> {
  const subscriptions = await prisma.webhookSubscription.findMany({
    where: { disabledAt: null, events: { has: event } },
    select: { id: true },
  });
  const ids: string[] = [];
  for (const subscription of subscriptions) {
    const id = randomUUID();
    const envelope: WebhookEnvelope = { id, event, createdAt: now.toISOString(), data };
    await prisma.webhookDelivery.create({ data: { id, subscriptionId: subscription.id, event, body: JSON.stringify(envelope) } });
    ids.push(id);
  }
  return ids;
}

export async function enqueueDeliveries(queue: Queue, ids: readonly string[]): Promise<void> {
  for (const id of ids) await enqueueDelivery(queue, id);
}

/**
 * Records, then queues. The row is written first, so a Redis outage leaves a PENDING delivery
 * that the consumer's sweep queues later, never a lost event.
 */
export async function emitWebhookEvent(prisma: EmitClient, queue: Queue, event: WebhookEvent, data: unknown, now = new Date()): Promise<string[]> {
  const ids = await recordWebhookEvent(prisma, event, data, now);
  await enqueueDeliveries(queue, ids);
  return ids;
}
