// The grading workers as their heartbeats in Redis describe them (runner/contract/heartbeat.ts),
// for the admin system page.
import { once } from "node:events";
import type { Redis } from "ioredis";
import { heartbeatProblem, readHeartbeats } from "../../runner/contract/heartbeat";
import { getConfig } from "./config.server";
import { createRedisConnection } from "./redis.server";

let redis: Redis | undefined;

export interface WorkerView {
  host: string;
  pid: number;
  concurrency: number;
  problem: string | null;
  paused: boolean;
  at: string;
  startedAt: string;
  lastJob: { submissionId: string; outcome: string; at: string } | null;
}

export async function workerHeartbeats(now = Date.now()): Promise<WorkerView[]> {
  redis ??= createRedisConnection("producer");
  // A fail-fast connection queues nothing while it connects: the first page view waits for it.
  if (redis.status !== "ready") await once(redis, "ready");
  const beats = await readHeartbeats(redis, getConfig().RUNNER_QUEUE_PREFIX ?? "bull");
  return beats.map((beat) => ({
    host: beat.host,
    pid: beat.pid,
    concurrency: beat.concurrency,
    problem: heartbeatProblem(beat, now),
    paused: beat.paused,
    at: new Date(beat.at).toISOString(),
    startedAt: new Date(beat.startedAt).toISOString(),
    lastJob: beat.lastJob ? { ...beat.lastJob, at: new Date(beat.lastJob.at).toISOString() } : null,
  }));
}
