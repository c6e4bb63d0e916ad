// The web app's side of the grading queue: one BullMQ job per submission through the runner's
// own producer (runner/queue/jobs.ts), so job id, options and payload validation are shared.
// RUNNER_QUEUE_PREFIX must match the workers' (they read the same variable).
import { Queue } from "bullmq";
import { enqueueGrading as addGradingJob, GRADING_QUEUE } from "../../runner/queue/jobs";
import { parseRunnerSettings } from "../../runner/worker/settings";
import { createRedisConnection } from "./redis.server";

let queue: Queue | undefined;

function gradingQueue(): Queue {
  queue ??= new Queue(GRADING_QUEUE, { connection: createRedisConnection("producer"), prefix: parseRunnerSettings(process.env).RUNNER_QUEUE_PREFIX });
  return queue;
}

export async function enqueueGrading(submissionId: string): Promise<void> {
  await addGradingJob(gradingQueue(), submissionId);
}
