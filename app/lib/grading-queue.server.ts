// The web app's side of the grading queue: one BullMQ job per submission, keyed by its id so a
// retried request or the reconciler enqueuing again is harmless. The runner's worker consumes it.
import { Queue } from "bullmq";
import { GRADING_QUEUE } from "./queue-health.server";
import { createRedisConnection } from "./redis.server";

let queue: Queue | undefined;

function gradingQueue(): Queue {
  queue ??= new Queue(GRADING_QUEUE, { connection: createRedisConnection("producer") });
  return queue;
}

export async function enqueueGrading(submissionId: string): Promise<void> {
  await gradingQueue().add("grade", { submissionId }, { jobId: submissionId, removeOnComplete: 1000, removeOnFail: 5000 });
}
