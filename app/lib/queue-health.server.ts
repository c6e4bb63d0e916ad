import { prisma } from "./db.server";
import { gradingQueue } from "./grading-queue.server";

export async function queueHealth() {
  const queue = gradingQueue();
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
