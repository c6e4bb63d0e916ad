import { once } from "node:events";
import Docker from "dockerode";
import type { Redis } from "ioredis";
import { prisma } from "./db.server";
import { createRedisConnection } from "./redis.server";

export interface ComponentHealth {
  ok: boolean;
  ms: number;
  error?: string;
}

const TIMEOUT_MS = 2_000;

async function timed(check: () => Promise<unknown>): Promise<ComponentHealth> {
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), error: error instanceof Error ? error.message : String(error) };
  }
}

let redis: Redis | undefined;

/** What the web app needs to serve requests: the database and Redis. Docker is the workers' concern. */
export async function checkReadiness(): Promise<{ ok: boolean; database: ComponentHealth; redis: ComponentHealth }> {
  redis ??= createRedisConnection("producer");
  const connection = redis;
  // The producer connection queues nothing while offline, so the first probe waits for it to connect.
  const ping = async () => {
    if (connection.status !== "ready") await once(connection, "ready");
    return connection.ping();
  };
  const [database, redisHealth] = await Promise.all([timed(() => prisma.$queryRaw`SELECT 1`), timed(ping)]);
  return { ok: database.ok && redisHealth.ok, database, redis: redisHealth };
}

export async function checkHealth(): Promise<{ ok: boolean; database: ComponentHealth; redis: ComponentHealth; docker: ComponentHealth }> {
  redis ??= createRedisConnection("producer");
  const [database, redisHealth, docker] = await Promise.all([
    timed(() => prisma.$queryRaw`SELECT 1`),
    timed(() => redis!.ping()),
    timed(() => new Docker().ping()),
  ]);
  return { ok: database.ok && redisHealth.ok && docker.ok, database, redis: redisHealth, docker };
}
