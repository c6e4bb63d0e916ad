// Per-token rate limit in Redis, so every web process counts the same requests. A fixed window
// that starts with a token's first request in it; the key's remaining lifetime is Retry-After.
import type { Redis } from "ioredis";
import { getConfig } from "../config.server";
import { createRedisConnection } from "../redis.server";

const WINDOW_MS = 60_000;

const SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
`;

let redis: Redis | undefined;

/** API_RATE_LIMIT_PER_MINUTE (config; default 120): requests per minute one token may make. */
export function rateLimitPerMinute(): number {
  return getConfig().API_RATE_LIMIT_PER_MINUTE;
}

export interface RateVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetSeconds: number;
}

function connected(connection: Redis): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("Redis did not connect within 2 s")), 2_000);
    connection.once("ready", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export async function takeRequest(tokenId: string, limit = rateLimitPerMinute()): Promise<RateVerdict> {
  redis ??= createRedisConnection("producer");
  // Producer connections refuse commands until connected; wait for the first connect briefly.
  if (redis.status !== "ready") await connected(redis);
  const [count, ttl] = (await redis.eval(SCRIPT, 1, `hirekit:api-rate:${tokenId}`, WINDOW_MS)) as [number, number];
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
}
