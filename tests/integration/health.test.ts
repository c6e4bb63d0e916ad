import { get as httpGet, type IncomingHttpHeaders } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { freePort, startAppServer, type AppServer } from "../support/app-server";

// /healthz says the process is alive; /readyz says the database and Redis answer. Docker is the
// workers' dependency, so an unreachable Docker Engine changes neither.

let db: TestDatabase;
let healthy: AppServer;
let noRedis: AppServer;
let metricsPort: number;

beforeAll(async () => {
  db = await createTestDatabase();
  const deadDocker = "tcp://127.0.0.1:9";
  metricsPort = await freePort();
  healthy = await startAppServer({ DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL!, DOCKER_HOST: deadDocker, METRICS_PORT: String(metricsPort) });
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
  });

  it("logs one JSON line per request with its request id and counts it for Prometheus", async () => {
    const response = await fetch(`${healthy.url}/jobs/some-slug`, { headers: { "X-Request-Id": "trace-me-42" } });
    expect(response.headers.get("x-request-id")).toBe("trace-me-42");
    const minted = await fetch(`${healthy.url}/healthz`);
    expect(minted.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const traced = () =>
      healthy
        .logs()
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((line) => line.reqId === "trace-me-42");
    // The line is written when the response ends and reaches the test through a pipe.
    for (let wait = 0; wait < 50 && !traced(); wait++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(traced()).toMatchObject({ method: "GET", route: "/jobs/:slug", msg: "request" });
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/hirekit_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect((await fetch(`${healthy.url}/metrics`)).status).toBe(404);
  });
});

describe("public JD pages", () => {
  it("serve anonymous visitors the same bytes with an ETag, a public Cache-Control and 304 on revalidation", async () => {
    const first = await fetch(`${healthy.url}/jobs`);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toMatch(/^public, max-age=\d+/);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    const second = await fetch(`${healthy.url}/jobs`);
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get("etag")).toBe(etag);
    const revalidated = await fetch(`${healthy.url}/jobs`, { headers: { "If-None-Match": etag! } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
  });

  it("compress each page once: gzip for visitors that accept it, plain bytes otherwise, each with its own ETag", async () => {
    const raw = (encoding: string, ifNoneMatch?: string) =>
      new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        const headers = { "accept-encoding": encoding, ...(ifNoneMatch ? { "if-none-match": ifNoneMatch } : {}) };
        httpGet(`${healthy.url}/jobs`, { headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        }).on("error", reject);
      });
    const plain = await raw("identity");
    // The second gzip answer comes from the few seconds' memory, the first from a render.
    for (const zipped of [await raw("gzip, deflate"), await raw("gzip, deflate")]) {
      expect(zipped.headers["content-encoding"]).toBe("gzip");
      expect(zipped.headers.vary).toMatch(/Accept-Encoding/i);
      expect(Number(zipped.headers["content-length"])).toBe(zipped.body.byteLength);
      expect(gunzipSync(zipped.body).toString()).toBe(plain.body.toString());
      expect(zipped.headers.etag).not.toBe(plain.headers.etag);
      expect((await raw("gzip", zipped.headers.etag)).status).toBe(304);
    }
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toContain("<html");
  });

  it("keep per-visitor pages uncacheable: a signed-in visitor gets no-store and no ETag", async () => {
    const response = await fetch(`${healthy.url}/jobs`, { headers: { Cookie: "hirekit_session=not-a-session" } });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("etag")).toBeNull();
    const login = await fetch(`${healthy.url}/login`);
    expect(login.headers.get("etag")).toBeNull();
  });
});
