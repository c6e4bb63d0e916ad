import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { freePort, startAppServer, type AppServer } from "../support/app-server";

// /healthz says the process is alive; /readyz says the database and Redis answer. Docker is the
// workers' dependency, so an unreachable Docker Engine changes neither.

let db: TestDatabase;
let healthy: AppServer;
let noRedis: AppServer;

beforeAll(async () => {
  db = await createTestDatabase();
  const deadDocker = "tcp://127.0.0.1:9";
  healthy = await startAppServer({ DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL!, DOCKER_HOST: deadDocker });
  noRedis = await startAppServer({ DATABASE_URL: db.url, REDIS_URL: `redis://127.0.0.1:${await freePort()}`, DOCKER_HOST: deadDocker });
});

afterAll(async () => {
  await healthy?.stop();
  await noRedis?.stop();
  await db?.drop();
});

describe("health endpoints", () => {
  it("reports alive and ready with the database and Redis up, whatever Docker does", async () => {
    const live = await fetch(`${healthy.url}/healthz`);
    expect(live.status).toBe(200);
    expect(live.headers.get("cache-control")).toBe("no-store");
    // Ready once the first connections are made; a loaded host may take a few probes.
    let ready = await fetch(`${healthy.url}/readyz`);
    for (let probe = 0; probe < 30 && ready.status !== 200; probe++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      ready = await fetch(`${healthy.url}/readyz`);
    }
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as Record<string, { ok: boolean }>;
    expect(body.database.ok).toBe(true);
    expect(body.redis.ok).toBe(true);
    expect(body).not.toHaveProperty("docker");
  });

  it("stays alive but not ready when Redis is gone", async () => {
    expect((await fetch(`${noRedis.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${noRedis.url}/readyz`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as Record<string, { ok: boolean }>;
    expect(body.redis.ok).toBe(false);
    expect(body.database.ok).toBe(true);
  });
});
