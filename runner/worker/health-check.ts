// The worker health verdict for one host, from the heartbeats in Redis (runner/contract/heartbeat.ts).
import type { Redis } from "ioredis";
import { heartbeatProblem, readHeartbeats } from "../contract/heartbeat";

export async function workerHealth(redis: Redis, prefix: string, host: string, now = Date.now()): Promise<{ healthy: boolean; lines: string[] }> {
  const beats = (await readHeartbeats(redis, prefix)).filter((beat) => beat.host === host);
  if (beats.length === 0) return { healthy: false, lines: [`no worker heartbeat from host ${host}`] };
  const lines = beats.map((beat) => {
    const problem = heartbeatProblem(beat, now);
    return `worker ${beat.host}/${beat.pid}: ${problem ?? `healthy (concurrency ${beat.concurrency}${beat.paused ? ", paused for an outage" : ""})`}`;
  });
  return { healthy: beats.some((beat) => heartbeatProblem(beat, now) === null), lines };
}
