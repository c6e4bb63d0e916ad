import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleEntries, buildProberBundles } from "../../scripts/build";
import { buildIsCurrent, markBuilt } from "../../scripts/lib/build-stamp";
import { execOrThrow } from "../../scripts/lib/exec";
import { withFileLock } from "../../scripts/lib/file-lock";
import { freePort } from "../support/app-server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createInvite, FIXTURE_ASSESSMENTS_DIR, seedAssessment, seedUsers } from "./candidate-fixtures";

// The production build as production runs it: `node build/server.js`, the Remix build and the
// prober bundles `npm run build` made. Plain node cannot build a bundle (no TypeScript loader; in
// the image neither esbuild nor the sources), so the starter's check.mjs is the prebuilt file,
// and without one the download says it cannot be prepared instead of building.

let db: TestDatabase;
let prebuiltDir: string;
let emptyDir: string;
let dataDir: string;
const servers: ChildProcess[] = [];

interface BuiltServer {
  url: string;
  output: () => string;
}

async function startBuiltServer(env: Record<string, string>): Promise<BuiltServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["build/server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: db.url,
      REDIS_URL: process.env.TEST_REDIS_URL!,
      DATA_DIR: dataDir,
      ASSESSMENTS_DIR: FIXTURE_ASSESSMENTS_DIR,
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: url,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  servers.push(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node build/server.js exited early:\n${output}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) return { url, output: () => output };
    if (Date.now() > deadline) throw new Error(`node build/server.js did not answer /healthz:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function zipEntries(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error("not a zip"));
      const entries = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error("no stream"));
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(entries));
      zip.readEntry();
    });
  });
}

beforeAll(async () => {
  // `remix vite:build` empties build/, so the Remix build and the bundles are made under the one lock.
  await withFileLock(".data/build.lock", 300_000, async () => {
    if (!buildIsCurrent()) {
      await execOrThrow("npx", ["remix", "vite:build"]);
      markBuilt();
    }
    await bundleEntries();
  });
  prebuiltDir = await mkdtemp(path.join(tmpdir(), "hirekit-prebuilt-"));
  emptyDir = await mkdtemp(path.join(tmpdir(), "hirekit-prebuilt-empty-"));
  dataDir = await mkdtemp(path.join(tmpdir(), "hirekit-prod-data-"));
  await buildProberBundles(FIXTURE_ASSESSMENTS_DIR, prebuiltDir);
  db = await createTestDatabase();
}, 600_000);

afterAll(async () => {
  for (const child of servers) {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
  }
  await db?.drop();
});

describe("the starter download under node build/server.js", () => {
  it("serves the prebuilt public-tests bundle as check.mjs and builds nothing at run time", async () => {
    const users = await seedUsers(db.prisma);
    const assessment = await seedAssessment(db.prisma);
    const { token } = await createInvite(db.prisma, { assessmentId: assessment.id, createdById: users.recruiter });

    const server = await startBuiltServer({ PROBER_BUNDLE_DIR: prebuiltDir });
    const response = await fetch(`${server.url}/c/${token}/starter`);
    expect(response.status, server.output()).toBe(200);
    const entries = await zipEntries(Buffer.from(await response.arrayBuffer()));
    const check = entries.get("assessment/check.mjs")?.toString("utf8") ?? "";
    const manifest = JSON.parse(await readFile(path.join(prebuiltDir, "manifest.json"), "utf8")) as { bundles: Array<{ audience: string; file: string }> };
    const publicFile = manifest.bundles.find((b) => b.audience === "public")!.file;
    const prebuilt = await readFile(path.join(prebuiltDir, publicFile), "utf8");
    expect(check.endsWith(prebuilt.slice(prebuilt.indexOf("\n") + 1))).toBe(true);
    expect(check).toContain("create-item");
    expect(check).not.toContain("read-item");
    expect(await readdir(dataDir)).not.toContain("cache");

    const withoutBundles = await startBuiltServer({ PROBER_BUNDLE_DIR: emptyDir });
    const refused = await fetch(`${withoutBundles.url}/c/${token}/starter`);
    expect(refused.status).toBe(503);
    expect(withoutBundles.output()).toContain("the prober cannot be built in this process");
    expect(await readdir(dataDir)).not.toContain("cache");
  }, 300_000);
});

describe("WEB_CONCURRENCY", () => {
  it("runs that many web processes behind one port and replaces one that dies", async () => {
    const server = await startBuiltServer({ WEB_CONCURRENCY: "2", PROBER_BUNDLE_DIR: prebuiltDir });
    const pidsAnswering = async (wanted: (pids: Set<number>) => boolean): Promise<Set<number>> => {
      const pids = new Set<number>();
      // Keep-alive would pin one connection to one process; each request opens its own.
      for (let i = 0; i < 2_000 && !wanted(pids); i += 1) {
        // A connection handed to the killed process before the primary noticed never answers: give up on it.
        const response = await fetch(`${server.url}/healthz`, { headers: { Connection: "close" }, signal: AbortSignal.timeout(5_000) }).catch(() => null);
        if (response?.ok) pids.add(((await response.json()) as { pid: number }).pid);
      }
      return pids;
    };
    const first = await pidsAnswering((pids) => pids.size >= 2);
    expect(first.size, server.output()).toBe(2);

    const [victim] = first;
    process.kill(victim, "SIGKILL");
    const after = await pidsAnswering((pids) => pids.size >= 2 && !pids.has(victim));
    expect([...after].filter((pid) => pid !== victim).length, server.output()).toBe(2);
    expect(server.output()).toContain("web process exited; starting another");
  }, 300_000);
});
