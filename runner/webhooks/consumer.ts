// The webhook delivery consumer: the grading worker process runs it (runner/worker/main.ts), and
// it needs nothing of the web app. One job per delivery: sign, POST with a time-out, record the
// attempt; a non-2xx answer throws so BullMQ retries with backoff; the last failure marks the
// delivery FAILED and disables the subscription with a notice the admin page shows.
import { UnrecoverableError, Worker, type Job, type Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { PrismaClient } from "~/generated/prisma/client";
import type { Lookup } from "./address-guard";
import { announceExpiredInvitations } from "./expired";
import { postWebhook } from "./http-post";
import { createWebhookQueue, enqueueDelivery, retryDelayMs, WEBHOOK_ATTEMPTS, WEBHOOK_BACKOFF, WEBHOOK_QUEUE, webhookJobSchema } from "./queue";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from "./signature";

export const RESPONSE_CAP_BYTES = 4096;

export interface WebhookConsumerOptions {
  prisma: PrismaClient;
  redis: () => Redis;
  prefix?: string;
  /** Plain http only in development; allowed hosts may always use it. */
  allowHttp: boolean;
  /** The site's origin, for links in invitation.expired payloads. */
  publicUrl: string;
  timeoutMs?: number;
  baseDelayMs?: number;
  concurrency?: number;
  /** How often PENDING deliveries that never reached the queue and expired invitations are swept. */
  sweepIntervalMs?: number;
  lookup?: Lookup;
  log?: (line: string) => void;
}

export interface WebhookConsumer {
  worker: Worker;
  queue: Queue;
  sweepNow(): Promise<void>;
  close(): Promise<void>;
}

interface DeliveryOutcome {
  deliveryId: string;
  status: "delivered" | "skipped";
}

async function deliver(job: Job, options: WebhookConsumerOptions): Promise<DeliveryOutcome> {
  const parsed = webhookJobSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid webhook job ${job.id}`);
  const { deliveryId } = parsed.data;
  const { prisma } = options;
  const delivery = await prisma.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { subscription: true } });
  if (!delivery) throw new UnrecoverableError(`delivery ${deliveryId} does not exist`);
  const redelivery = job.id !== deliveryId;
  // The receiver deduplicates on the delivery id, and so do we: a second job for a delivered one
  // (after a lost acknowledgement) sends nothing. Only an admin's redelivery sends it again.
  if (delivery.status === "DELIVERED" && !redelivery) return { deliveryId, status: "skipped" };
  if (delivery.subscription.disabledAt && !redelivery) {
    await prisma.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "FAILED", error: "the subscription is disabled" } });
    return { deliveryId, status: "skipped" };
  }

  const allowedHosts = (await prisma.webhookAllowedHost.findMany({ select: { host: true } })).map((row) => row.host);
  const headers = {
    "Content-Type": "application/json",
    "User-Agent": "Hirekit-Webhooks/1",
    [DELIVERY_HEADER]: delivery.id,
    [EVENT_HEADER]: delivery.event,
    [SIGNATURE_HEADER]: signatureHeader(delivery.subscription.secret, delivery.body),
  };
  const result = await postWebhook(delivery.subscription.url, delivery.body, headers, {
    allowHttp: options.allowHttp,
    allowedHosts,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxResponseBytes: RESPONSE_CAP_BYTES,
    lookup: options.lookup,
  });
  const ok = result.error === null && result.status !== null && result.status >= 200 && result.status < 300;
  const error = ok ? null : (result.error ?? `the receiver answered HTTP ${result.status}`);
  const now = new Date();
  await prisma.webhookDelivery.update({
    where: { id: deliveryId },
    data: {
      attempts: { increment: 1 },
      lastAttemptAt: now,
      requestHeaders: { ...headers, [SIGNATURE_HEADER]: headers[SIGNATURE_HEADER].replace(/v1=[0-9a-f]+/, "v1=…") },
      responseStatus: result.status,
      responseBody: result.body.replaceAll("\u0000", "\uFFFD"),
      error,
      ...(ok ? { status: "DELIVERED", deliveredAt: now } : {}),
    },
  });
  if (ok) return { deliveryId, status: "delivered" };

  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? WEBHOOK_ATTEMPTS);
  if (lastAttempt) {
    await prisma.$transaction(async (tx) => {
      await tx.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "FAILED" } });
      if (!delivery.subscription.disabledAt) {
        const reason = `Disabled on ${now.toISOString()} after delivery ${deliveryId} failed ${job.attemptsMade + 1} times over about 24 h (last: ${error}). Fix the receiver, enable the subscription and redeliver.`;
        await tx.webhookSubscription.update({ where: { id: delivery.subscriptionId }, data: { disabledAt: now, disabledReason: reason } });
        await tx.auditLog.create({ data: { actorId: null, action: "webhook.auto-disable", entityType: "WebhookSubscription", entityId: delivery.subscriptionId, data: { deliveryId, error } } });
      }
    });
    options.log?.(`delivery ${deliveryId} failed for good: ${error}`);
    throw new UnrecoverableError(error ?? "delivery failed");
  }
  throw new Error(error ?? "delivery failed");
}

export async function startWebhookConsumer(options: WebhookConsumerOptions): Promise<WebhookConsumer> {
  const log = options.log ?? ((line: string) => console.log(`[webhooks] ${line}`));
  const queueConnection = options.redis();
  const workerConnection = options.redis();
  const queue = createWebhookQueue(queueConnection, options.prefix);
  const worker = new Worker(WEBHOOK_QUEUE, (job) => deliver(job, { ...options, log }), {
    connection: workerConnection,
    prefix: options.prefix,
    concurrency: options.concurrency ?? 4,
    settings: { backoffStrategy: (attemptsMade, type) => (type === WEBHOOK_BACKOFF ? retryDelayMs(attemptsMade, options.baseDelayMs) : 0) },
  });
  worker.on("error", (error) => log(`queue error: ${error.message}`));

  let sweeping: Promise<void> | null = null;
  const sweepNow = () => {
    sweeping ??= (async () => {
      const stale = await options.prisma.webhookDelivery.findMany({
        where: { status: "PENDING", attempts: 0, createdAt: { lt: new Date(Date.now() - 60_000) } },
        select: { id: true },
        take: 500,
      });
      for (const row of stale) await enqueueDelivery(queue, row.id);
      const expired = await announceExpiredInvitations(options.prisma, queue, options.publicUrl);
      if (expired > 0) log(`queued ${expired} invitation.expired deliveries`);
    })().finally(() => {
      sweeping = null;
    });
    return sweeping;
  };
  const runSweep = () => sweepNow().catch((error: unknown) => log(`sweep failed: ${(error as Error).message}`));
  await worker.waitUntilReady();
  void runSweep();
  const timer = setInterval(runSweep, options.sweepIntervalMs ?? 60_000);
  timer.unref();

  return {
    worker,
    queue,
    sweepNow,
    close: async () => {
      clearInterval(timer);
      await worker.close();
      await sweeping?.catch(() => undefined);
      await queue.close();
      queueConnection.disconnect();
      workerConnection.disconnect();
    },
  };
}
