import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueGrading } from "../../runner/contract/queue";
import { createQueuedSubmission, FIXTURE_ASSESSMENTS_DIR, zipSolution } from "../../runner/fixtures/submissions";
import { finishedRow, newPrefix, producerQueue } from "../../runner/fixtures/worker-harness";
import { ensureRuntimeImages } from "../../runner/images/ensure";
import { buildProberBundles } from "../../scripts/build";
import { execOrThrow } from "../../scripts/lib/exec";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { freePort } from "../support/app-server";

// Builds the top-level Dockerfile the way a machine without a registry must (the local runtime
// image as the base, the checkout's node_modules pruned to production dependencies) and runs the
// web role against the test PostgreSQL and Redis, and the worker role against them and this host's
// Docker Engine (its socket; sources reach the grading containers by archive copy, never a bind
// mount). Slow (an image build) but bounded; it asserts behaviour, never speed.

const IMAGE = `hirekit-image-test:${process.pid}`;
const CONTAINER = `hirekit-image-test-${process.pid}`;
const WORKER = `hirekit-image-test-worker-${process.pid}`;
const BASE_IMAGE = "hirekit/runtime-node:20";
const PREFIX = newPrefix();

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
  // The fixture assessment and its prebuilt bundles, mounted into the worker as an operator would
  // mount their own assessments folder and build.
  const prebuilt = await mkdtemp(path.join(tmpdir(), "hirekit-image-prober-"));
  await buildProberBundles(FIXTURE_ASSESSMENTS_DIR, prebuilt);
  await execOrThrow("docker", [
    "run", "-d", "--name", WORKER, "--network", "host",
    "--group-add", String(statSync("/var/run/docker.sock").gid),
    "-v", "/var/run/docker.sock:/var/run/docker.sock",
    "-v", `${path.resolve(FIXTURE_ASSESSMENTS_DIR)}:/fixtures:ro`,
    "-v", `${prebuilt}:/prebuilt:ro`,
    "-e", `DATABASE_URL=${db.url.replace("localhost", "127.0.0.1")}`,
    "-e", `REDIS_URL=${process.env.TEST_REDIS_URL!}`,
    "-e", `RUNNER_QUEUE_PREFIX=${PREFIX}`,
    "-e", "ASSESSMENTS_DIR=/fixtures",
    "-e", "PROBER_BUNDLE_DIR=/prebuilt",
    IMAGE, "worker",
  ]);
}, 900_000);

afterAll(async () => {
  await execOrThrow("docker", ["rm", "-f", WORKER]).catch(() => "");
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
    // Every assessment in the image has its prebuilt prober bundles (the image has no esbuild to build them).
    const manifest = JSON.parse(await execOrThrow("docker", ["exec", CONTAINER, "cat", "build/prober/manifest.json"])) as { bundles: Array<{ slug: string; audience: string }> };
    const slugs = (await execOrThrow("docker", ["exec", CONTAINER, "sh", "-c", "cd assessments && for d in */; do test -f \"$d/assessment.json\" && echo \"${d%/}\"; done"])).trim().split("\n").sort();
    expect(slugs.length).toBeGreaterThan(0);
    expect(manifest.bundles.map((b) => `${b.slug}/${b.audience}`).sort()).toEqual(slugs.flatMap((slug) => [`${slug}/all`, `${slug}/public`]));
  });
});

describe("the worker role", () => {
  it("grades a fast-path submission stored in PostgreSQL through the host's Docker Engine", async () => {
    const work = await mkdtemp(path.join(tmpdir(), "hirekit-image-upload-"));
    const archive = await zipSolution("node-fast", work);
    const id = await createQueuedSubmission(db.prisma, archive);
    const bytes = await readFile(archive);
    await db.prisma.$transaction([
      db.prisma.submissionArchive.create({ data: { submissionId: id, bytes: new Uint8Array(bytes) } }),
      db.prisma.submission.update({ where: { id }, data: { archivePath: `db:${id}` } }),
    ]);
    const queue = producerQueue(PREFIX);
    try {
      await enqueueGrading(queue, id);
      const row = await finishedRow(db, id, 600_000).catch(async (error: Error) => {
        const logs = await execOrThrow("docker", ["logs", "--tail", "80", WORKER]).catch(() => "");
        throw new Error(`${error.message}\n${logs}`);
      });
      expect(row.status, `${row.failureReason ?? ""}\n${await execOrThrow("docker", ["logs", "--tail", "80", WORKER]).catch(() => "")}`).toBe("GRADED");
      expect(row.overallScore).toBe(1);
      const results = await db.prisma.testResult.findMany({ where: { submissionId: id } });
      expect(results.length).toBeGreaterThan(0);
      expect(results.filter((result) => result.outcome !== "PASSED").map((result) => result.testId)).toEqual([]);
    } finally {
      await queue.close();
    }
  }, 700_000);
});
