// Prober figures: bundle build time, and the time one prober run takes against the junior Node
// reference (process start to "done"), split into start-up (until "ready") and tests.
//   npx tsx bench/prober/run.ts [--runs 10] [--assessment assessments/junior-inventory-api]
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { buildProberBundle } from "../../runner/prober/bundle";
import { freePort } from "../../scripts/lib/free-port";
import { startCommand } from "../../runner/verify/local";

const args = z
  .object({
    runs: z.coerce.number().int().min(1).max(200).default(10),
    assessment: z.string().default("assessments/junior-inventory-api"),
  })
  .parse(parseArgs({ options: { runs: { type: "string" }, assessment: { type: "string" } } }).values);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function timedRun(bundle: string, baseUrl: string, seed: number): Promise<{ total: number; startup: number; tests: number; count: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let readyAt = 0;
    let count = 0;
    let buffer = "";
    const child = spawn(process.execPath, [bundle, "--base-url", baseUrl, "--seed", String(seed)], { stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      let newline: number;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const event = JSON.parse(buffer.slice(0, newline)) as { type: string };
        buffer = buffer.slice(newline + 1);
        if (event.type === "ready") readyAt = performance.now();
        if (event.type === "result") count++;
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const end = performance.now();
      if (code !== 0 || readyAt === 0) return reject(new Error(`prober exited ${code} without running`));
      resolve({ total: end - started, startup: readyAt - started, tests: end - readyAt, count });
    });
  });
}

const dir = await mkdtemp(path.join(tmpdir(), "hirekit-bench-prober-"));
const bundle = path.join(dir, "prober.mjs");
const buildStarted = performance.now();
const info = await buildProberBundle(args.assessment, { publicOnly: false, outFile: bundle });
const buildMs = performance.now() - buildStarted;

const referenceDir = path.join(args.assessment, "reference");
const [program, ...programArgs] = await startCommand(referenceDir);
const port = await freePort();
const server = spawn(program, programArgs, { cwd: referenceDir, env: { NODE_ENV: "production", PATH: process.env.PATH ?? "/usr/bin:/bin", PORT: String(port) }, stdio: "ignore", detached: true });
try {
  const runs = [];
  for (let i = 0; i < args.runs; i++) runs.push(await timedRun(bundle, `http://127.0.0.1:${port}`, 1000 + i));
  const row = (label: string, values: number[]) =>
    `${label.padEnd(30)} p50 ${percentile(values, 50).toFixed(0).padStart(5)} ms   p95 ${percentile(values, 95).toFixed(0).padStart(5)} ms`;
  console.log(`bundle: ${info.tests} tests, ${Math.round(info.bytes / 1024)} KiB, built in ${buildMs.toFixed(0)} ms`);
  console.log(`${args.runs} runs against ${referenceDir} (${runs[0].count} results each):`);
  console.log(row("total (spawn to done)", runs.map((r) => r.total)));
  console.log(row("start-up (spawn to ready)", runs.map((r) => r.startup)));
  console.log(row("tests (ready to done)", runs.map((r) => r.tests)));
} finally {
  process.kill(-server.pid!, "SIGKILL");
  await rm(dir, { recursive: true, force: true });
}
