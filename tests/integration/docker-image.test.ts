import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureRuntimeImages } from "../../runner/images/ensure";
import { execOrThrow } from "../../scripts/lib/exec";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { freePort } from "../support/app-server";

// Builds the top-level Dockerfile the way a machine without a registry must (the local runtime
// image as the base, the checkout's node_modules pruned to production dependencies) and runs the
// web role against the test PostgreSQL and Redis. Slow (an image build) but bounded; it asserts
// behaviour, never speed.

const IMAGE = `hirekit-image-test:${process.pid}`;
const CONTAINER = `hirekit-image-test-${process.pid}`;
const BASE_IMAGE = "hirekit/runtime-node:20";

let db: TestDatabase;
let port: number;

/** docker build with the checkout (minus .git, .data, build) streamed as the context. */
function buildImage(): Promise<void> {
  return new Promise((resolve, reject) => {
    const tar = spawn("tar", ["-c", "--exclude=./.git", "--exclude=./.data", "--exclude=./build", "-f", "-", "."], { stdio: ["ignore", "pipe", "inherit"] });
    const build = spawn("docker", ["build", "--build-arg", "DEPS=context", "--build-arg", `BASE_IMAGE=${BASE_IMAGE}`, "-t", IMAGE, "-"], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, DOCKER_BUILDKIT: "0" },
    });
    tar.stdout.pipe(build.stdin);
    let output = "";
    build.stdout.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
    build.stderr.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
    build.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`docker build failed (${code}):\n${output}`))));
  });
}

async function waitFor(url: string): Promise<Response> {
  const deadline = Date.now() + 120_000;
  let last = "no answer";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return response;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const logs = await execOrThrow("docker", ["logs", "--tail", "50", CONTAINER]).catch(() => "");
  throw new Error(`${url} never answered 200 (last: ${last})\n${logs}`);
}

beforeAll(async () => {
  await ensureRuntimeImages();
  db = await createTestDatabase();
  port = await freePort();
  await buildImage();
  await execOrThrow("docker", [
    "run", "-d", "--name", CONTAINER, "--network", "host",
    "-e", `DATABASE_URL=${db.url.replace("localhost", "127.0.0.1")}`,
    "-e", `REDIS_URL=${process.env.TEST_REDIS_URL!}`,
    "-e", "HOST=127.0.0.1",
    "-e", `PORT=${port}`,
    "-e", `PUBLIC_URL=http://127.0.0.1:${port}`,
    IMAGE,
  ]);
}, 900_000);

afterAll(async () => {
  await execOrThrow("docker", ["rm", "-f", CONTAINER]).catch(() => "");
  await execOrThrow("docker", ["rmi", "-f", IMAGE]).catch(() => "");
  await db?.drop();
});

describe("the Docker image", () => {
  it("serves the web role: /healthz and /readyz answer 200 against PostgreSQL and Redis", async () => {
    await waitFor(`http://127.0.0.1:${port}/healthz`);
    const ready = await waitFor(`http://127.0.0.1:${port}/readyz`);
    expect(((await ready.json()) as { ok: boolean }).ok).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/login`)).status).toBe(200);
  }, 300_000);

  it("runs as a non-root user with production dependencies only and a health check", async () => {
    expect((await execOrThrow("docker", ["exec", CONTAINER, "id", "-u"])).trim()).not.toBe("0");
    const devOnly = await execOrThrow("docker", ["exec", CONTAINER, "sh", "-c", "ls node_modules | grep -cx -e vitest -e tsx -e vite -e esbuild || true"]);
    expect(devOnly.trim()).toBe("0");
    const health = await execOrThrow("docker", ["inspect", "--format", "{{json .Config.Healthcheck.Test}}", IMAGE]);
    expect(health).toContain("/healthz");
  });
});
