// The web app's side of webhooks: subscriptions (admin UI and API), the allowed-host setting,
// redelivery, and emitting the events the web app owns (invitation.created, review.submitted).
// Delivery itself is the consumer's (runner/webhooks/consumer.ts), which the worker runs.
import type { Queue } from "bullmq";
import { z } from "zod";
import { invitationResource, reviewResource } from "~/domain/api/resources";
import { checkWebhookUrl, WebhookUrlError, type UrlPolicy } from "../../../runner/webhooks/address-guard";
import { emitWebhookEvent } from "../../../runner/webhooks/emit";
import { WEBHOOK_EVENTS, type WebhookEvent } from "../../../runner/webhooks/events";
import { createWebhookQueue, enqueueDelivery } from "../../../runner/webhooks/queue";
import { createWebhookSecret } from "../../../runner/webhooks/signature";
import { audit } from "../audit.server";
import { getConfig } from "../config.server";
import { prisma } from "../db.server";
import { createRedisConnection } from "../redis.server";
import { HttpError } from "../http-error";
import { INVITATION_RESOURCE_INCLUDE } from "../../../runner/contract/charged-attempts";

let queue: Queue | undefined;

export function webhookQueue(): Queue {
  queue ??= createWebhookQueue(createRedisConnection("producer"), getConfig().RUNNER_QUEUE_PREFIX);
  return queue;
}

export async function urlPolicy(): Promise<UrlPolicy> {
  const hosts = await prisma.webhookAllowedHost.findMany({ select: { host: true } });
  return { allowHttp: getConfig().NODE_ENV === "development", allowedHosts: hosts.map((row) => row.host) };
}

/**
 * Emits after the change it announces has committed. A failure here must not undo or fail that
 * change: the delivery rows that were written stay PENDING and the consumer's sweep sends them.
 */
export async function emitEvent(event: WebhookEvent, data: unknown): Promise<void> {
  try {
    await emitWebhookEvent(prisma, webhookQueue(), event, data);
  } catch (error) {
    console.error(`[webhooks] could not emit ${event}: ${(error as Error).message}`);
  }
}

async function safely(label: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    console.error(`[webhooks] could not emit ${label}: ${(error as Error).message}`);
  }
}

export async function emitInvitationsCreated(invitationIds: string[]): Promise<void> {
  if (invitationIds.length === 0) return;
  await safely("invitation.created", async () => {
    const rows = await prisma.invitation.findMany({ where: { id: { in: invitationIds } }, include: INVITATION_RESOURCE_INCLUDE });
    const now = new Date();
    for (const row of rows) await emitEvent("invitation.created", { invitation: invitationResource(row, getConfig().PUBLIC_URL, now) });
  });
}

export async function emitReviewSubmitted(reviewId: string): Promise<void> {
  await safely("review.submitted", async () => {
    const review = await prisma.review.findUnique({
      where: { id: reviewId },
      include: { reviewer: { select: { name: true } }, ratings: { orderBy: { competencyId: "asc" } }, scorecard: { select: { invitationId: true } } },
    });
    if (!review?.submittedAt) return;
    await emitEvent("review.submitted", { invitationId: review.scorecard.invitationId, review: reviewResource(review) });
  });
}

export const SubscriptionInput = z.object({
  url: z.string({ error: "Enter the receiver's URL" }).trim().min(1, "Enter the receiver's URL").max(2000, "Use at most 2000 characters"),
  events: z.array(z.enum(WEBHOOK_EVENTS, { error: "Unknown event" })).min(1, "Choose at least one event"),
  description: z.string().trim().max(200, "Use at most 200 characters").default(""),
});

export const SubscriptionPatch = z.object({
  url: SubscriptionInput.shape.url.optional(),
  events: SubscriptionInput.shape.events.optional(),
  description: SubscriptionInput.shape.description.optional(),
  enabled: z.boolean().optional(),
});

async function checkedUrl(url: string): Promise<string> {
  try {
    return (await checkWebhookUrl(url, await urlPolicy())).toString();
  } catch (error) {
    if (error instanceof WebhookUrlError) throw new HttpError(error.message, 422);
    throw error;
  }
}

const SUBSCRIPTION_SELECT = { id: true, url: true, events: true, description: true, disabledAt: true, disabledReason: true, createdAt: true, updatedAt: true } as const;

export async function createSubscription(actorId: string, input: z.infer<typeof SubscriptionInput>) {
  const url = await checkedUrl(input.url);
  const secret = createWebhookSecret();
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.webhookSubscription.create({
      data: { url, events: [...new Set(input.events)], description: input.description, secret, createdById: actorId },
      select: SUBSCRIPTION_SELECT,
    });
    await audit(tx, { actorId, action: "webhook.create", entityType: "WebhookSubscription", entityId: created.id, data: { url, events: created.events } });
    return created;
  });
  return { subscription: row, secret };
}

export async function listSubscriptions() {
  return prisma.webhookSubscription.findMany({ orderBy: { createdAt: "desc" }, select: SUBSCRIPTION_SELECT });
}

export async function getSubscription(id: string) {
  return prisma.webhookSubscription.findUnique({ where: { id }, select: SUBSCRIPTION_SELECT });
}

export async function updateSubscription(actorId: string, id: string, patch: z.infer<typeof SubscriptionPatch>) {
  const url = patch.url === undefined ? undefined : await checkedUrl(patch.url);
  return prisma.$transaction(async (tx) => {
    const existing = await tx.webhookSubscription.findUnique({ where: { id }, select: { id: true } });
    if (!existing) throw new HttpError("There is no such webhook subscription.", 404);
    const updated = await tx.webhookSubscription.update({
      where: { id },
      data: {
        url,
        events: patch.events ? [...new Set(patch.events)] : undefined,
        description: patch.description,
        ...(patch.enabled === true ? { disabledAt: null, disabledReason: null } : {}),
        ...(patch.enabled === false ? { disabledAt: new Date(), disabledReason: "Disabled by an admin." } : {}),
      },
      select: SUBSCRIPTION_SELECT,
    });
    await audit(tx, { actorId, action: "webhook.update", entityType: "WebhookSubscription", entityId: id, data: { ...patch } });
    return updated;
  });
}

export async function deleteSubscription(actorId: string, id: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const deleted = await tx.webhookSubscription.deleteMany({ where: { id } });
    if (deleted.count === 0) throw new HttpError("There is no such webhook subscription.", 404);
    await audit(tx, { actorId, action: "webhook.delete", entityType: "WebhookSubscription", entityId: id });
  });
}

export const DELIVERY_LOG_SIZE = 50;

export async function listDeliveries(subscriptionId: string, take = DELIVERY_LOG_SIZE) {
  return prisma.webhookDelivery.findMany({ where: { subscriptionId }, orderBy: { createdAt: "desc" }, take });
}

export async function getDelivery(subscriptionId: string, deliveryId: string) {
  return prisma.webhookDelivery.findFirst({ where: { id: deliveryId, subscriptionId } });
}

/** Sends a delivery again with the same id and body (receivers that already have it ignore it). */
export async function redeliver(actorId: string, deliveryId: string): Promise<void> {
  const redeliveries = await prisma.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findUnique({ where: { id: deliveryId }, select: { id: true, subscriptionId: true } });
    if (!delivery) throw new HttpError("There is no such delivery.", 404);
    await tx.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "PENDING", error: null } });
    await audit(tx, { actorId, action: "webhook.redeliver", entityType: "WebhookDelivery", entityId: deliveryId, data: { subscriptionId: delivery.subscriptionId } });
    return tx.auditLog.count({ where: { action: "webhook.redeliver", entityType: "WebhookDelivery", entityId: deliveryId } });
  });
  await enqueueDelivery(webhookQueue(), deliveryId, redeliveries);
}

export const AllowedHostInput = z.object({
  host: z
    .string({ error: "Enter a host name" })
    .trim()
    .toLowerCase()
    .min(1, "Enter a host name")
    .max(253, "Use at most 253 characters")
    .regex(/^[a-z0-9.:-]+$/, "Enter a host name or an IP address, without scheme or port"),
});

export async function listAllowedHosts() {
  return prisma.webhookAllowedHost.findMany({ orderBy: { host: "asc" } });
}

export async function allowHost(actorId: string, host: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.webhookAllowedHost.upsert({ where: { host }, create: { host }, update: {} });
    await audit(tx, { actorId, action: "webhook.allow-host", entityType: "WebhookAllowedHost", entityId: host });
  });
}

export async function disallowHost(actorId: string, host: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.webhookAllowedHost.deleteMany({ where: { host } });
    await audit(tx, { actorId, action: "webhook.disallow-host", entityType: "WebhookAllowedHost", entityId: host });
  });
}

export function subscriptionResource(row: Awaited<ReturnType<typeof listSubscriptions>>[number]) {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    enabled: row.disabledAt === null,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function deliveryResource(row: Awaited<ReturnType<typeof listDeliveries>>[number]) {
  return {
    id: row.id,
    event: row.event,
    status: row.status.toLowerCase(),
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}
