import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProberBundle } from "./bundle";
import { startTinyServer, type TinyServer } from "./fixtures/tiny/server";

const run = promisify(execFile);
const fixture = new URL("./fixtures/tiny", import.meta.url).pathname;
let dir: string;
let fullBundle: string;
let publicBundle: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "hirekit-bundle-"));
  fullBundle = path.join(dir, "prober.mjs");
  publicBundle = path.join(dir, "check.mjs");
  await Promise.all([
    buildProberBundle(fixture, { publicOnly: false, outFile: fullBundle }),
    buildProberBundle(fixture, { publicOnly: true, outFile: publicBundle }),
  ]);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function node(bundle: string, args: string[]) {
  // Run from an empty directory so the bundle cannot lean on node_modules.
  return run(process.execPath, [bundle, ...args], { cwd: dir }).catch(
    (error: { code: number; stdout: string; stderr: string }) => ({ ...error, failed: error.code }),
  );
}

const lines = (stdout: string) => stdout.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);

describe("prober bundle", () => {
  let server: TinyServer;
  beforeAll(async () => {
    server = await startTinyServer();
  });
  afterAll(async () => server.close());

  it("speaks the NDJSON protocol: ready, start, one result per test, done", async () => {
    const { stdout } = await node(fullBundle, ["--base-url", server.url, "--readiness", "/health", "--ready-timeout-ms", "5000", "--seed", "7"]);
    const events = lines(stdout);
    expect(events[0]).toMatchObject({ type: "ready" });
    // 8 tests, then one conformance item per contract operation (6).
    expect(events[1]).toEqual({ type: "start", total: 14 });
    const results = events.filter((e) => e.type === "result");
    expect(results).toHaveLength(14);
    expect(results.filter((r) => String(r.id).startsWith("negative:"))).toHaveLength(4);
    const conformance = results.filter((r) => String(r.id).startsWith("contract:"));
    expect(conformance.map((r) => r.id)).toEqual(results.slice(8).map((r) => r.id));
    expect(results.slice(0, 8).every((r) => r.outcome === "passed")).toBe(true);
    expect(conformance.find((r) => r.id === "contract:POST:/notes")).toMatchObject({ outcome: "passed", earned: 0.5 });
    expect(results.find((r) => r.id === "read-created-note")).toMatchObject({ visibility: "hidden", earned: 2, points: 2 });
    expect(events.at(-1)).toEqual({ type: "done" });
  });

  it("picks the same negative checks for the same seed", async () => {
    const ids = async (seed: string) =>
      lines((await node(fullBundle, ["--base-url", server.url, "--seed", seed])).stdout)
        .filter((e) => e.type === "result" && String(e.id).startsWith("negative:"))
        .map((e) => e.id)
        .sort();
    expect(await ids("11")).toEqual(await ids("11"));
  });

  it("reports not-ready and exits 0 when the service never becomes ready", async () => {
    const starting = await startTinyServer(["never-ready"]);
    try {
      const result = await node(fullBundle, ["--base-url", starting.url, "--ready-timeout-ms", "1000"]);
      expect("failed" in result).toBe(false);
      const events = lines(result.stdout);
      expect(events).toHaveLength(1);
      expect(events[0].type).toBe("not-ready");
      // The last attempt's detail (503, or a timeout on a loaded machine) is not asserted: timing.
      expect(String(events[0].message)).toMatch(/^no 2xx answer from http:\/\/127\.0\.0\.1:\d+\/health within 1000 ms \(last attempt: /);
    } finally {
      await starting.close();
    }
  });

  it("exits non-zero with a readable message on bad arguments", async () => {
    const result = await node(fullBundle, ["--base-url", "not a url"]);
    expect("failed" in result && result.failed).toBe(2);
    expect(result.stderr).toMatch(/usage error: --base-url: must be an absolute http URL/);
  });

  it("leaves hidden tests out of the public bundle", async () => {
    const text = await readFile(publicBundle, "utf8");
    expect(text).not.toContain("read-created-note");
    expect(text).not.toContain("secret-needs-token");
    expect(text).toContain("create-note");
  });

  it("prints a readable table of the public tests for a candidate", async () => {
    const result = await node(publicBundle, [server.url, "--seed", "3"]);
    expect("failed" in result).toBe(false);
    expect(result.stdout).toContain("Tiny notes (prober fixture) (tiny-notes 1.0.0) — seed 3");
    expect(result.stdout).toMatch(/PASS 2\/2\s+create-note\s+a note is created/);
    expect(result.stdout).toContain("4/4 tests passed, 4/4 points (100 %)");
    expect(result.stdout).toContain("6 hidden tests (7 points) also count towards your grade.");
  });

  it("shows failures with their reason and exits 1, or JSON with --json", async () => {
    const broken = await startTinyServer(["no-location"]);
    try {
      const table = await node(publicBundle, [broken.url]);
      expect("failed" in table && table.failed).toBe(1);
      expect(table.stdout).toMatch(/FAIL 0\/2\s+create-note/);
      expect(table.stdout).toContain("↳ expected a location header, the response has none");
      const json = await node(publicBundle, [broken.url, "--json", "--seed", "5"]);
      const report = JSON.parse(json.stdout) as { seed: number; results: { id: string; outcome: string }[] };
      expect(report.seed).toBe(5);
      expect(report.results.map((r) => [r.id, r.outcome])).toEqual([
        ["health", "passed"],
        ["create-note", "failed"],
        // The missing Location was paid for by create-note, which failed at POST /notes.
        ["contract:GET:/health", "passed"],
        ["contract:POST:/notes", "passed"],
      ]);
    } finally {
      await broken.close();
    }
  });
});
