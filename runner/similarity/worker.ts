import { Queue, QueueEvents, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { PrismaClient } from "~/generated/prisma/client";
import { GRADING_QUEUE } from "../contract/queue";
import { checkSimilarity } from "./check";
import { SIMILARITY_QUEUE, enqueueSimilarity, similarityJobSchema, similarityQueueOptions } from "./queue";

// The similarity consumer, started beside the grading worker. It queues a check whenever a
// grading job completes (the check skips anything not GRADED), and on start for every graded
// submission that has no fingerprints yet, so a check missed while it was down still happens.
// One job at a time is plenty: a check is a few milliseconds of hashing plus two queries.

export interface SimilarityWorkerOptions {
  prisma: PrismaClient;
  redis: (purpose: "worker" | "events") => Redis;
  assessmentsDir: string;
  prefix?: string;
  log: (line: string) => void;
}

export interface SimilarityWorker {
  /** For the grading side: queue a check of a submission that was just saved as GRADED. */
  enqueue(submissionId: string): Promise<void>;
  close(): Promise<void>;
}

export async function startSimilarityWorker(options: SimilarityWorkerOptions): Promise<SimilarityWorker> {
  const producer = options.redis("worker");
  const workerConnection = options.redis("worker");
  const queue = new Queue(SIMILARITY_QUEUE, { connection: producer, ...similarityQueueOptions(options.prefix) });
  const worker = new Worker(
    SIMILARITY_QUEUE,
    async (job) => {
      const { submissionId } = similarityJobSchema.parse(job.data);
      const outcome = await checkSimilarity(options.prisma, submissionId, options.assessmentsDir);
      options.log(
        outcome.status === "checked"
          ? `similarity ${submissionId}: ${outcome.prints} fingerprints, ${outcome.matches} match(es)`
          : `similarity ${submissionId}: skipped, ${outcome.reason}`,
      );
      return outcome;
    },
    { connection: workerConnection, concurrency: 1, ...(options.prefix ? { prefix: options.prefix } : {}) },
  );
  worker.on("failed", (job, error) => options.log(`similarity ${job?.data?.submissionId ?? "?"} failed: ${error.message}`));
  const enqueue = (submissionId: string) => enqueueSimilarity(queue, submissionId);
  const eventsConnection = options.redis("events");
  const grading = new QueueEvents(GRADING_QUEUE, { connection: eventsConnection, ...(options.prefix ? { prefix: options.prefix } : {}) });
  grading.on("completed", ({ jobId }) => {
    enqueue(jobId).catch((error: Error) => options.log(`similarity: cannot queue ${jobId}: ${error.message}`));
  });
  await Promise.all([worker.waitUntilReady(), grading.waitUntilReady()]);
  const unchecked = await options.prisma.submission.findMany({
    where: { status: "GRADED", fingerprint: null },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  for (const { id } of unchecked) await enqueue(id);
  if (unchecked.length) options.log(`similarity: queued ${unchecked.length} graded submission(s) not yet checked`);
  return {
    enqueue,
    async close() {
      await grading.close();
      await worker.close();
      await queue.close();
      producer.disconnect();
      workerConnection.disconnect();
      eventsConnection.disconnect();
    },
  };
}
