import { Redis, type RedisOptions } from "ioredis";
import { getConfig } from "./config.server";

export type RedisPurpose = "worker" | "producer" | "events";

// Workers block on Redis and must wait out outages (BullMQ requires maxRetriesPerRequest null);
// producers run inside web requests and must fail fast instead of hanging the page.
const optionsByPurpose: Record<RedisPurpose, RedisOptions> = {
  worker: { maxRetriesPerRequest: null, enableReadyCheck: false },
  producer: { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000 },
  events: { maxRetriesPerRequest: null, lazyConnect: false },
};

export function createRedisConnection(purpose: RedisPurpose, url = getConfig().REDIS_URL): Redis {
  return new Redis(url, { ...optionsByPurpose[purpose], connectionName: `hirekit-${purpose}` });
}
