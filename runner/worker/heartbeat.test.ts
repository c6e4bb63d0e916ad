// The worker's heartbeat is what `npm run worker:health` and the admin system page read: a worker
// whose Docker Engine does not answer is unhealthy, one that stopped leaves no heartbeat behind.
import { hostname } from "node:os";
import Docker from "dockerode";
import { afterAll, describe, expect, it } from "vitest";
import { openRedis } from "../contract/connections";
import { readHeartbeats } from "../contract/heartbeat";
import { FIXTURE_ASSESSMENTS_DIR } from "../fixtures/submissions";
import { newPrefix, redisUrl, waitFor, workerTestContext } from "../fixtures/worker-harness";
import { DockerSandboxDriver } from "../sandbox/docker-driver";
import { workerHealth } from "./health-check";
import { startGradingWorker } from "./worker";

const context = workerTestContext("heartbeat");
const redis = openRedis("producer", redisUrl());

afterAll(() => {
  redis.disconnect();
});

function startWorker(prefix: string, driver: DockerSandboxDriver) {
  return startGradingWorker({
    prisma: context.db.prisma,
    redis: (purpose) => openRedis(purpose, redisUrl()),
    assessmentsDir: FIXTURE_ASSESSMENTS_DIR,
    concurrency: 1,
    prefix,
    driver,
    heartbeatIntervalMs: 200,
    outageCheckMs: 200,
    log: () => undefined,
  });
}

describe("worker heartbeat and health", () => {
  it("is healthy while its engine answers and leaves no heartbeat once closed", async () => {
    const prefix = newPrefix();
    const worker = await startWorker(prefix, new DockerSandboxDriver());
    try {
      const [beat] = await readHeartbeats(redis, prefix);
      expect(beat).toMatchObject({ host: hostname(), pid: process.pid, concurrency: 1, prefix, engineReachable: true, engineError: null });
      expect(await workerHealth(redis, prefix, hostname())).toMatchObject({ healthy: true });
      // Metrics are served only when asked for.
      expect(worker.metricsPort).toBeNull();
    } finally {
      await worker.close();
    }
    expect(await workerHealth(redis, prefix, hostname())).toEqual({ healthy: false, lines: [`no worker heartbeat from host ${hostname()}`] });
  });

  it("is unhealthy when the Docker Engine does not answer, and says so", async () => {
    const prefix = newPrefix();
    const deadEngine = new DockerSandboxDriver({ docker: new Docker({ socketPath: "/nonexistent/docker.sock" }) });
    const worker = await startWorker(prefix, deadEngine);
    try {
      const health = await waitFor("a heartbeat", async () => ((await readHeartbeats(redis, prefix)).length > 0 ? workerHealth(redis, prefix, hostname()) : null));
      expect(health.healthy).toBe(false);
      expect(health.lines[0]).toContain("the Docker Engine does not answer");
    } finally {
      await worker.close();
    }
  });

  it("judges a heartbeat that stopped coming as unhealthy", async () => {
    const prefix = newPrefix();
    const worker = await startWorker(prefix, new DockerSandboxDriver());
    try {
      const later = Date.now() + 60_000;
      const health = await workerHealth(redis, prefix, hostname(), later);
      expect(health.healthy).toBe(false);
      expect(health.lines[0]).toMatch(/no heartbeat for \d+ s/);
    } finally {
      await worker.close();
    }
  });
});
