// Each worker's heartbeat in Redis: who it is, whether its Docker Engine answers and what it did
// last. The admin system page lists them and `npm run worker:health` (a container HEALTHCHECK)
// judges one host by them; the web app never needs Docker itself.
import type { Redis } from "ioredis";
import { z } from "zod";

const KEY_PREFIX = "hirekit:worker-heartbeat:";
/** A heartbeat older than this (or expired from Redis) means the worker is gone or stuck. */
export const HEARTBEAT_STALE_MS = 30_000;

export const heartbeatSchema = z.object({
  host: z.string(),
  pid: z.number().int(),
  concurrency: z.number().int(),
  /** BullMQ key prefix the worker takes jobs from. */
  prefix: z.string(),
  engineReachable: z.boolean(),
  engineError: z.string().nullable(),
  paused: z.boolean(),
  startedAt: z.number(),
  at: z.number(),
  lastJob: z.object({ submissionId: z.string(), outcome: z.string(), at: z.number() }).nullable(),
});
export type Heartbeat = z.infer<typeof heartbeatSchema>;

/** Keyed by the queue prefix too: workers of different deployments (or test suites) on one Redis stay apart. */
export function heartbeatKey(prefix: string, host: string, pid: number): string {
  return `${KEY_PREFIX}${prefix}:${host}:${pid}`;
}

export async function writeHeartbeat(redis: Redis, beat: Heartbeat): Promise<void> {
  await redis.set(heartbeatKey(beat.prefix, beat.host, beat.pid), JSON.stringify(beat), "PX", HEARTBEAT_STALE_MS * 2);
}

export async function removeHeartbeat(redis: Redis, prefix: string, host: string, pid: number): Promise<void> {
  await redis.del(heartbeatKey(prefix, host, pid));
}

/** The heartbeats of one queue prefix's workers still in Redis, newest first; unreadable entries are skipped. */
export async function readHeartbeats(redis: Redis, prefix: string): Promise<Heartbeat[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", `${KEY_PREFIX}${prefix}:*`, "COUNT", 200);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  if (keys.length === 0) return [];
  const values = await redis.mget(...keys);
  return values
    .flatMap((value) => {
      if (!value) return [];
      try {
        const parsed = heartbeatSchema.safeParse(JSON.parse(value));
        return parsed.success && parsed.data.prefix === prefix ? [parsed.data] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.at - a.at);
}

/** Why a heartbeat does not show a healthy worker, or null when it does. */
export function heartbeatProblem(beat: Heartbeat, now = Date.now()): string | null {
  if (now - beat.at > HEARTBEAT_STALE_MS) return `no heartbeat for ${Math.round((now - beat.at) / 1000)} s`;
  if (!beat.engineReachable) return `the Docker Engine does not answer${beat.engineError ? `: ${beat.engineError}` : ""}`;
  return null;
}
