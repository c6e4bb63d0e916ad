import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { PrismaClient } from "~/generated/prisma/client";
import { hasLiveJob, requeueSubmission } from "../contract/requeue";
import { ACTIVE_STATUSES } from "../contract/submission";

export interface ReconcileReport {
  checked: number;
  enqueued: string[];
  regraded: string[];
}

export interface ReconcileOptions {
  /** Leaves a just-created or just-finished row to the request or worker handling it. */
  graceMs: number;
  /** Automatic regrades of one ERROR submission before it waits for an admin. */
  maxAutoRegrades?: number;
  /** ERROR rows are regraded only when the infrastructure answers (the caller checked). */
  regradeErrors: boolean;
  publisher?: Redis | null;
  now?: number;
}

export const MAX_AUTO_REGRADES = 2;

/**
 * The database, not Redis, is the source of truth: every submission still in progress must have a
 * live job. After a Redis flush or loss, or a job that finished without saving, the row is reset
 * to QUEUED and a job added again. ERROR submissions (our fault, never the candidate's) are
 * regraded a few times once the infrastructure is back, each later than the one before.
 */
export async function reconcile(prisma: PrismaClient, queue: Queue, options: ReconcileOptions): Promise<ReconcileReport> {
  const now = options.now ?? Date.now();
  const deps = { prisma, queue, publisher: options.publisher };
  const rows = await prisma.submission.findMany({
    where: { status: { in: ACTIVE_STATUSES }, updatedAt: { lt: new Date(now - options.graceMs) } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: 1000,
  });
  const enqueued: string[] = [];
  for (const { id } of rows) {
    if (await hasLiveJob(queue, id)) continue;
    // The status condition is checked again in the update: a job that just finished has saved by now.
    if (await requeueSubmission(deps, id, { from: ACTIVE_STATUSES })) enqueued.push(id);
  }
  const regraded: string[] = [];
  if (options.regradeErrors) {
    const max = options.maxAutoRegrades ?? MAX_AUTO_REGRADES;
    const errors = await prisma.submission.findMany({
      where: { status: "ERROR", autoRegrades: { lt: max }, updatedAt: { lt: new Date(now - options.graceMs) } },
      select: { id: true, autoRegrades: true, updatedAt: true },
      orderBy: { createdAt: "asc" },
      take: 100,
    });
    for (const row of errors) {
      // Backoff: the grace, then twice, then four times as long after the last failure.
      if (row.updatedAt.getTime() > now - options.graceMs * 2 ** row.autoRegrades) continue;
      if (await requeueSubmission(deps, row.id, { from: ["ERROR"], automatic: true })) regraded.push(row.id);
    }
  }
  return { checked: rows.length, enqueued, regraded };
}
