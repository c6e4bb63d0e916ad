// The `grading` queue as producers (the web app, the reconciler, the CLI bench) and the worker
// must agree on it: name, key prefix, job payload and options.
import type { JobsOptions, QueueOptions } from "bullmq";
import { z } from "zod";
import { requestIdSchema } from "./request-id";

export const GRADING_QUEUE = "grading";
export const GRADING_JOB_NAME = "grade";

export const submissionIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, "must be a submission id");

/** requestId: the web request that queued the grading, carried into the worker's log lines. */
export const gradingJobSchema = z.strictObject({ submissionId: submissionIdSchema, requestId: requestIdSchema.optional() });
export type GradingJobData = z.infer<typeof gradingJobSchema>;

/** Finished jobs are trimmed; the database keeps the history. */
export const JOB_RETENTION = {
  removeOnComplete: { count: 1000, age: 7 * 24 * 3600 },
  removeOnFail: { count: 5000, age: 30 * 24 * 3600 },
} as const;

/** A custom backoff that doubles: retry n waits base × 2^(n-1). */
export function doublingDelayMs(attemptsMade: number, baseDelayMs: number): number {
  return baseDelayMs * 2 ** Math.max(0, attemptsMade - 1);
}

/**
 * Options every producer must use. Only infrastructure faults reach BullMQ's retry (candidate
 * mistakes are results), so a few attempts with backoff ride out a Docker or database blip.
 */
export const GRADING_JOB_OPTIONS: JobsOptions = {
  attempts: 4,
  backoff: { type: "exponential", delay: 5_000 },
  ...JOB_RETENTION,
};

/** Connection-free queue options: the same prefix for every producer and worker of one deployment. */
export function gradingQueueOptions(prefix: string | undefined): Pick<QueueOptions, "prefix" | "defaultJobOptions"> {
  return { ...(prefix ? { prefix } : {}), defaultJobOptions: GRADING_JOB_OPTIONS };
}

interface JobAdder {
  add(name: string, data: GradingJobData, options: JobsOptions): Promise<unknown>;
}

/** jobId = submissionId: adding a job that already exists (waiting, active, delayed) is a no-op. */
export async function enqueueGrading(queue: JobAdder, submissionId: string, requestId?: string): Promise<void> {
  const data = gradingJobSchema.parse({ submissionId, ...(requestId ? { requestId } : {}) });
  await queue.add(GRADING_JOB_NAME, data, { ...GRADING_JOB_OPTIONS, jobId: data.submissionId });
}
