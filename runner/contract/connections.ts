// The one way to open PostgreSQL and Redis connections, shared by the web app (app/lib/db.server.ts,
// app/lib/redis.server.ts) and the worker, which must not import the web app's modules.
import { PrismaPg } from "@prisma/adapter-pg";
import { Redis, type RedisOptions } from "ioredis";
import { PrismaClient } from "~/generated/prisma/client";

export function createPrismaClient(url: string, options: { max?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: options.max ?? 10 });
  return new PrismaClient({ adapter });
}

export type RedisPurpose = "worker" | "producer" | "events";

// Workers block on Redis and must wait out outages (BullMQ requires maxRetriesPerRequest null);
// producers run inside web requests and must fail fast instead of hanging the page.
const optionsByPurpose: Record<RedisPurpose, RedisOptions> = {
  worker: { maxRetriesPerRequest: null, enableReadyCheck: false },
  producer: { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000 },
  events: { maxRetriesPerRequest: null, lazyConnect: false },
};

export function openRedis(purpose: RedisPurpose, url: string): Redis {
  return new Redis(url, { ...optionsByPurpose[purpose], connectionName: `hirekit-${purpose}` });
}
