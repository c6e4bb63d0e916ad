import type { Queue } from "bullmq";
import type { PrismaClient } from "~/generated/prisma/client";
import { enqueueGrading } from "../queue/jobs";
import { ACTIVE_STATES } from "./progress";

const LIVE_JOB_STATES = new Set(["waiting", "active", "delayed", "prioritized", "waiting-children"]);

export interface ReconcileReport {
  checked: number;
  enqueued: string[];
}

/**
 * The database, not Redis, is the source of truth: every submission still in progress must have a
 * live job. After a Redis flush or loss, or a job that finished without saving, one is added
 * again. `graceMs` leaves a just-created row to the request that is enqueuing it.
 */
export async function reconcile(prisma: PrismaClient, queue: Queue, graceMs: number, now = Date.now()): Promise<ReconcileReport> {
  const rows = await prisma.submission.findMany({
    where: { status: { in: ACTIVE_STATES }, updatedAt: { lt: new Date(now - graceMs) } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: 1000,
  });
  const enqueued: string[] = [];
  for (const { id } of rows) {
    const job = await queue.getJob(id);
    if (job && LIVE_JOB_STATES.has(await job.getState())) continue;
    // The row was read before the job's state: a job that just finished has saved by now.
    const current = await prisma.submission.findUnique({ where: { id }, select: { status: true } });
    if (!current || !ACTIVE_STATES.includes(current.status)) continue;
    // A finished job with the same id would swallow the new one.
    if (job) await job.remove().catch(() => undefined);
    await enqueueGrading(queue, id);
    enqueued.push(id);
  }
  return { checked: rows.length, enqueued };
}
