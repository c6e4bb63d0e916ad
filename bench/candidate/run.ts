// Time from upload to results visible on the candidate's page, for the junior assessment's
// reference solution, through the real web app, queue and grading worker.
// Usage: npx tsx bench/candidate/run.ts [--runs 10] [--assessment junior-inventory-api] [--timeout-seconds 300]
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import yazl from "yazl";
import { z } from "zod";
import { loadAssessment } from "../../runner/assessment/load";
import { createPrismaClient } from "~/lib/db.server";
import { createInviteToken } from "~/lib/invite-token.server";
import { TEMPLATE_DB, databaseUrl, startTestServices } from "../../tests/support/test-services";
import { startAppServer } from "../../tests/support/app-server";

const options = z
  .object({
    runs: z.coerce.number().int().min(1, "--runs must be at least 1").max(100).default(10),
    assessment: z.string().regex(/^[a-z0-9-]+$/, "--assessment must be a folder name under assessments/").default("junior-inventory-api"),
    "timeout-seconds": z.coerce.number().min(10).max(3600).default(300),
  })
  .parse(parseArgs({ options: { runs: { type: "string" }, assessment: { type: "string" }, "timeout-seconds": { type: "string" } } }).values);

const WORKER = "runner/worker/main.ts";
if (!existsSync(WORKER)) {
  console.error(`${WORKER} does not exist yet: this bench needs the grading worker. Nothing was measured.`);
  process.exit(2);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl(adminUrl, "postgres") });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function zipDirectory(dir: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const walk = async (relative: string): Promise<void> => {
    for (const entry of await readdir(path.join(dir, relative), { withFileTypes: true })) {
      const rel = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") await walk(rel);
      } else if (entry.isFile()) {
        zip.addFile(path.join(dir, rel), rel, { mode: (await stat(path.join(dir, rel))).mode });
      }
    }
  };
  await walk("");
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Resolves when the SSE stream reports a finished submission. */
async function waitForDone(url: string, timeoutMs: number): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`event stream ended without a final state:\n${buffer.slice(-500)}`);
    buffer += value;
    const final = /event: (?:done|progress)\ndata: (\{[^\n]*"status":"(GRADED|FAILED|ERROR)"[^\n]*\})/.exec(buffer);
    if (final) {
      await reader.cancel();
      return final[2];
    }
  }
}

const services = await startTestServices();
const dbName = `hirekit_bench_${randomBytes(6).toString("hex")}`;
await adminQuery(services.adminUrl, `CREATE DATABASE "${dbName}" TEMPLATE "${TEMPLATE_DB}"`);
const dbUrl = databaseUrl(services.adminUrl, dbName);
const prisma = createPrismaClient(dbUrl, { max: 5 });
const dataDir = await mkdtemp(path.join(tmpdir(), "hirekit-bench-candidate-"));
// Its own queue prefix: a worker from another run on the same Redis must not take these jobs.
const env = { DATABASE_URL: dbUrl, REDIS_URL: services.redisUrl, DATA_DIR: dataDir, ASSESSMENTS_DIR: "assessments", RUNNER_QUEUE_PREFIX: `bench-candidate-${process.pid}` };
let app: Awaited<ReturnType<typeof startAppServer>> | undefined;
let worker: ChildProcess | undefined;
let workerLog = "";
let cleaned = false;
async function cleanUp(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  worker?.kill("SIGTERM");
  await app?.stop();
  await prisma.$disconnect();
  await adminQuery(services.adminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await services.stop();
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`${signal}: stopping the app server and worker, dropping the bench database`);
    void cleanUp().finally(() => process.exit(130));
  });
}
try {
  const loaded = await loadAssessment(path.join("assessments", options.assessment));
  const user = await prisma.user.create({ data: { email: "bench@example.test", name: "Bench", role: "RECRUITER", passwordHash: "-" } });
  const assessment = await prisma.assessment.create({
    data: {
      id: loaded.config.id,
      slug: loaded.slug,
      title: loaded.config.title,
      level: "JUNIOR",
      version: loaded.config.version,
      timeLimitMinutes: loaded.config.timeLimitMinutes,
      attemptLimit: loaded.config.attemptLimit,
      port: loaded.config.port,
      readinessPath: loaded.config.readinessPath,
      competencyWeights: loaded.config.competencyWeights,
      limits: loaded.config.limits,
      brief: loaded.brief,
      openapi: loaded.openapiText,
      contentHash: loaded.contentHash,
    },
  });
  const archive = await zipDirectory(path.join(loaded.dir, "reference"));
  app = await startAppServer(env);
  worker = spawn("npx", ["tsx", WORKER], { env: { ...process.env, ...env, NODE_ENV: "production" }, stdio: ["ignore", "pipe", "pipe"] });
  worker.stdout?.on("data", (chunk: Buffer) => (workerLog = (workerLog + chunk.toString()).slice(-20_000)));
  worker.stderr?.on("data", (chunk: Buffer) => (workerLog = (workerLog + chunk.toString()).slice(-20_000)));
  worker.on("exit", (code) => {
    if (!cleaned) console.error(`the worker exited early (code ${code}):\n${workerLog.slice(-3000)}`);
  });

  const timings: number[] = [];
  // One warm-up run builds and caches the runtime image; it is reported but not counted.
  for (let run = 0; run <= options.runs; run++) {
    const { token, tokenHash } = createInviteToken();
    await prisma.invitation.create({
      data: { tokenHash, candidateName: `Bench ${run}`, candidateEmail: `bench-${run}@example.test`, assessmentId: assessment.id, createdById: user.id, deadline: new Date(Date.now() + 86_400_000), startedAt: new Date() },
    });
    const form = new FormData();
    form.set("archive", new Blob([new Uint8Array(archive)]), "reference.zip");
    const started = performance.now();
    const upload = await fetch(`${app.url}/c/${token}`, { method: "POST", body: form, headers: { Origin: app.url }, redirect: "manual" });
    const location = upload.headers.get("location");
    if (upload.status !== 302 || !location) throw new Error(`upload failed with ${upload.status}: ${(await upload.text()).slice(0, 300)}`);
    const submissionId = location.split("/").pop()!;
    const status = await waitForDone(`${app.url}/c/${token}/events?submission=${submissionId}`, options["timeout-seconds"] * 1000);
    const page = await (await fetch(`${app.url}${location}`)).text();
    const elapsed = performance.now() - started;
    if (status !== "GRADED" || !page.includes('id="results-heading"')) throw new Error(`run ${run}: submission ended ${status}; worker log:\n${workerLog.slice(-3000)}`);
    console.log(`${run === 0 ? "warm-up" : `run ${run}`}: ${(elapsed / 1000).toFixed(2)} s`);
    if (run > 0) timings.push(elapsed);
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`\nupload → results visible, ${options.assessment} reference, ${timings.length} runs`);
  console.log(`p50 ${seconds(percentile(sorted, 50))}  p95 ${seconds(percentile(sorted, 95))}  min ${seconds(sorted[0])}  max ${seconds(sorted[sorted.length - 1])}`);
} finally {
  await cleanUp();
}
// tsx's esbuild service would keep the process alive.
process.exit(process.exitCode ?? 0);
