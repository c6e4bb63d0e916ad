import { Queue } from "bullmq";
import { prisma } from "./db.server";
import { createRedisConnection } from "./redis.server";

export const GRADING_QUEUE = "grading";

let queue: Queue | undefined;

export async function queueHealth() {
  queue ??= new Queue(GRADING_QUEUE, { connection: createRedisConnection("producer") });
  const [jobs, workers, byStatus] = await Promise.all([
    queue.getJobCounts("waiting", "active", "delayed", "failed", "completed", "prioritized"),
    queue.getWorkers(),
    prisma.submission.groupBy({ by: ["status"], _count: true }),
  ]);
  return {
    jobs,
    workers: workers.map((worker) => ({ name: String(worker.name ?? worker.id ?? "worker"), address: String(worker.addr ?? "") })),
    submissions: Object.fromEntries(byStatus.map((row) => [row.status, row._count])) as Record<string, number>,
  };
}
