// Putting a submission back in the queue, for the reconciler, the automatic regrade of ERROR and
// the admin's regrade action: the row returns to QUEUED with its progress cleared, the change is
// published, and a fresh job is added (a finished job with the same id would swallow it).
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { PrismaClient } from "~/generated/prisma/client";
import { enqueueGrading } from "./queue";
import { canTransition, progressChannel, type ProgressMessage, type SubmissionStatus } from "./submission";

const LIVE_JOB_STATES = new Set(["waiting", "active", "delayed", "prioritized", "waiting-children", "waiting-for-children"]);

export interface RequeueDeps {
  prisma: PrismaClient;
  queue: Queue;
  /** Optional: without it the change is seen on the next page load instead of live. */
  publisher?: Redis | null;
}

export interface RequeueOptions {
  /** Only a row in one of these statuses is requeued (the caller's precondition, checked atomically). */
  from: SubmissionStatus[];
  /** Counts an automatic regrade of an ERROR, so the reconciler gives up after a few. */
  automatic?: boolean;
  /** The web request asking for it, for the worker's log lines. */
  requestId?: string;
}

/** Whether the submission's job is waiting, running or delayed (then nothing needs adding). */
export async function hasLiveJob(queue: Queue, submissionId: string): Promise<boolean> {
  const job = await queue.getJob(submissionId);
  return Boolean(job && LIVE_JOB_STATES.has(await job.getState()));
}

/** Returns false when the row was not in a `from` status or its job is still live. */
export async function requeueSubmission(deps: RequeueDeps, submissionId: string, options: RequeueOptions): Promise<boolean> {
  const refused = options.from.filter((status) => !canTransition(status, "QUEUED"));
  if (refused.length > 0) throw new Error(`a ${refused.join("/")} submission cannot return to the queue`);
  const job = await deps.queue.getJob(submissionId);
  if (job && LIVE_JOB_STATES.has(await job.getState())) return false;
  const updated = await deps.prisma.submission.updateMany({
    where: { id: submissionId, status: { in: options.from } },
    data: {
      status: "QUEUED",
      failureReason: null,
      testsDone: null,
      testsTotal: null,
      startedAt: null,
      finishedAt: null,
      ...(options.automatic ? { autoRegrades: { increment: 1 } } : {}),
    },
  });
  if (updated.count === 0) return false;
  if (job) await job.remove().catch(() => undefined);
  await enqueueGrading(deps.queue, submissionId, options.requestId);
  const message: ProgressMessage = { status: "QUEUED", stage: "queued", testsDone: null, testsTotal: null, failureReason: null };
  await deps.publisher?.publish(progressChannel(submissionId), JSON.stringify(message)).catch(() => undefined);
  return true;
}
