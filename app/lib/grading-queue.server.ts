// The web app's side of the grading queue: one BullMQ job per submission through the shared
// contract (runner/contract/queue.ts), so queue name, prefix, job id, options and payload
// validation are the workers'.
import { Queue } from "bullmq";
import { enqueueGrading as addGradingJob, GRADING_QUEUE, gradingQueueOptions } from "../../runner/contract/queue";
import { getConfig } from "./config.server";
import { createRedisConnection } from "./redis.server";

let queue: Queue | undefined;

/** The queue the workers take from, RUNNER_QUEUE_PREFIX included. */
export function gradingQueue(): Queue {
  queue ??= new Queue(GRADING_QUEUE, { connection: createRedisConnection("producer"), ...gradingQueueOptions(getConfig().RUNNER_QUEUE_PREFIX) });
  return queue;
}

export async function enqueueGrading(submissionId: string, requestId?: string): Promise<void> {
  await addGradingJob(gradingQueue(), submissionId, requestId);
}
