// The web app's side of the grading queue: one BullMQ job per submission through the runner's
// own producer (runner/queue/jobs.ts), so job id, options and payload validation are shared.
import { Queue } from "bullmq";
import { enqueueGrading as addGradingJob, GRADING_QUEUE } from "../../runner/queue/jobs";
import { createRedisConnection } from "./redis.server";

let queue: Queue | undefined;

function gradingQueue(): Queue {
  queue ??= new Queue(GRADING_QUEUE, { connection: createRedisConnection("producer") });
  return queue;
}

export async function enqueueGrading(submissionId: string): Promise<void> {
  await addGradingJob(gradingQueue(), submissionId);
}
