import type { JobsOptions, Queue } from "bullmq";
import { z } from "zod";

export const GRADING_QUEUE = "grading";
export const GRADING_JOB_NAME = "grade";

export const gradingJobSchema = z.strictObject({
  submissionId: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, "must be a submission id"),
});

export type GradingJobData = z.infer<typeof gradingJobSchema>;

/**
 * Options every producer must use. Only infrastructure faults reach BullMQ's retry (candidate
 * mistakes are results), so a few attempts with backoff ride out a Docker or database blip.
 */
export const GRADING_JOB_OPTIONS: JobsOptions = {
  attempts: 4,
  backoff: { type: "exponential", delay: 5_000 },
  removeOnComplete: { count: 1000, age: 7 * 24 * 3600 },
  removeOnFail: { count: 5000, age: 30 * 24 * 3600 },
};

/** jobId = submissionId: adding a job that already exists (waiting, active, delayed) is a no-op. */
export async function enqueueGrading(queue: Queue, submissionId: string): Promise<void> {
  const data = gradingJobSchema.parse({ submissionId });
  await queue.add(GRADING_JOB_NAME, data, { ...GRADING_JOB_OPTIONS, jobId: data.submissionId });
}
