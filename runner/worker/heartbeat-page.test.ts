// The admin system page lists the grading workers from their heartbeats: a worker whose Docker
// Engine is down shows as unhealthy there, while the web app itself stays up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../../tests/support/app-server";
import { FIXTURE_ASSESSMENTS_DIR, loginCookie, seedUsers, tempDataDir, USERS } from "../../tests/integration/candidate-fixtures";
import { openRedis } from "../contract/connections";
import { removeHeartbeat, writeHeartbeat } from "../contract/heartbeat";
import { newPrefix, redisUrl, workerTestContext } from "../fixtures/worker-harness";

const context = workerTestContext("heartbeat-page");
const prefix = newPrefix();
const redis = openRedis("producer", redisUrl());
let app: AppServer;

beforeAll(async () => {
  await seedUsers(context.db.prisma);
  app = await startAppServer({ DATABASE_URL: context.db.url, REDIS_URL: redisUrl(), DATA_DIR: await tempDataDir(), ASSESSMENTS_DIR: FIXTURE_ASSESSMENTS_DIR, RUNNER_QUEUE_PREFIX: prefix });
});

afterAll(async () => {
  await removeHeartbeat(redis, prefix, "grader-docker-down", 41).catch(() => undefined);
  await removeHeartbeat(redis, prefix, "grader-ok", 42).catch(() => undefined);
  redis.disconnect();
  await app?.stop();
});

describe("grading workers on the system page", () => {
  it("shows each worker's health, concurrency and last job", async () => {
    const now = Date.now();
    const base = { concurrency: 1, prefix, paused: false, startedAt: now - 60_000, at: now };
    await writeHeartbeat(redis, { ...base, host: "grader-docker-down", pid: 41, engineReachable: false, engineError: "connect ENOENT /var/run/docker.sock", lastJob: null });
    await writeHeartbeat(redis, {
      ...base,
      host: "grader-ok",
      pid: 42,
      concurrency: 2,
      engineReachable: true,
      engineError: null,
      lastJob: { submissionId: "sub-123", outcome: "GRADED", at: now },
    });
    const admin = await loginCookie(app.url, USERS.admin.email, USERS.admin.password);
    const response = await fetch(`${app.url}/admin/system`, { headers: { Cookie: admin } });
    expect(response.status).toBe(200);
    const html = (await response.text()).replaceAll("<!-- -->", "");
    expect(html).toContain("Grading workers");
    expect(html).toContain("grader-docker-down (pid 41)");
    expect(html).toContain("unhealthy: the Docker Engine does not answer: connect ENOENT /var/run/docker.sock");
    expect(html).toContain("grader-ok (pid 42)");
    expect(html).toContain("sub-123: GRADED");
  });
});
