import type { Redis } from "ioredis";
import { openRedis, type RedisPurpose } from "../../runner/contract/connections";
import { getConfig } from "./config.server";

export type { RedisPurpose };

export function createRedisConnection(purpose: RedisPurpose, url = getConfig().REDIS_URL): Redis {
  return openRedis(purpose, url);
}
