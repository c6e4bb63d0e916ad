// The `similarity` queue: one job per graded submission (jobId = submissionId, so enqueuing
// twice is harmless). Producers: the worker after a GRADED save; the check itself is idempotent.
import type { JobsOptions, QueueOptions } from "bullmq";
import { z } from "zod";
import { JOB_RETENTION, submissionIdSchema } from "../contract/queue";

export const SIMILARITY_QUEUE = "similarity";
export const SIMILARITY_JOB_NAME = "check";

export const similarityJobSchema = z.strictObject({ submissionId: submissionIdSchema });
export type SimilarityJobData = z.infer<typeof similarityJobSchema>;

export const SIMILARITY_JOB_OPTIONS: JobsOptions = { attempts: 3, backoff: { type: "exponential", delay: 5_000 }, ...JOB_RETENTION };

export function similarityQueueOptions(prefix: string | undefined): Pick<QueueOptions, "prefix" | "defaultJobOptions"> {
  return { ...(prefix ? { prefix } : {}), defaultJobOptions: SIMILARITY_JOB_OPTIONS };
}

interface JobAdder {
  add(name: string, data: SimilarityJobData, options: JobsOptions): Promise<unknown>;
}

export async function enqueueSimilarity(queue: JobAdder, submissionId: string): Promise<void> {
  const data = similarityJobSchema.parse({ submissionId });
  await queue.add(SIMILARITY_JOB_NAME, data, { ...SIMILARITY_JOB_OPTIONS, jobId: `similarity-${data.submissionId}` });
}
