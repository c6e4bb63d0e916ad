// p95 of the scorecard page under concurrent load, against the production build on 127.0.0.1.
// Usage: npx tsx bench/scorecard/run.ts [--requests 400] [--concurrency 20] [--max-seconds 60]
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { z } from "zod";
import { createPrismaClient } from "~/lib/db.server";
import { TEMPLATE_DB, databaseUrl, startTestServices } from "../../tests/support/test-services";
import { startAppServer } from "../../tests/support/app-server";
import { HttpSession } from "../../tests/support/http-session";
import { PASSWORD, createAssessmentAndJd, createAttempt, createInvitation, createUsers, type TestSpec } from "../../tests/integration/scorecard-fixtures";

const options = z
  .object({
    requests: z.coerce.number().int().min(20, "--requests must be at least 20").max(20_000).default(400),
    concurrency: z.coerce.number().int().min(1).max(200, "--concurrency must be at most 200").default(20),
    "max-seconds": z.coerce.number().min(1).max(600).default(60),
  })
  .parse(parseArgs({ options: { requests: { type: "string" }, concurrency: { type: "string" }, "max-seconds": { type: "string" } } }).values);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl(adminUrl, "postgres") });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function measure(session: HttpSession, path: string, requests: number, concurrency: number): Promise<void> {
  const latencies: number[] = [];
  let failures = 0;
  let issued = 0;
  const deadline = performance.now() + options["max-seconds"] * 1000;
  const started = performance.now();
  const worker = async () => {
    while (issued < requests && performance.now() < deadline) {
      issued++;
      const t0 = performance.now();
      const response = await session.get(path);
      await response.arrayBuffer();
      latencies.push(performance.now() - t0);
      if (response.status !== 200) failures++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(
    `concurrency ${concurrency}: ${latencies.length} requests in ${elapsed.toFixed(1)} s (${(latencies.length / elapsed).toFixed(1)} req/s), non-200: ${failures}; ` +
      `p50 ${fmt(percentile(latencies, 50))}  p95 ${fmt(percentile(latencies, 95))}  p99 ${fmt(percentile(latencies, 99))}  max ${fmt(latencies.at(-1)!)}`,
  );
}

// The suite's services and migrated template; tests/support/database.ts needs a vitest worker,
// so the bench clones the template itself.
const services = await startTestServices();
const dbName = `hirekit_bench_${randomBytes(6).toString("hex")}`;
await adminQuery(services.adminUrl, `CREATE DATABASE "${dbName}" TEMPLATE "${TEMPLATE_DB}"`);
const url = databaseUrl(services.adminUrl, dbName);
const prisma = createPrismaClient(url, { max: 5 });
let app: Awaited<ReturnType<typeof startAppServer>> | undefined;
try {
  const users = await createUsers(prisma);
  const { assessment, jd } = await createAssessmentAndJd(prisma, users.recruiter.id);
  const invitation = await createInvitation(prisma, { name: "Bench Candidate", assessmentId: assessment.id, jobDescriptionId: jd.id, createdById: users.recruiter.id });
  // A realistic card: 30 tests with request/response evidence, two earlier attempts, a draft review.
  const evidence = [
    {
      request: { method: "POST", url: "http://127.0.0.1:3000/notes", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "x".repeat(200) }) },
      response: { status: 201, headers: { "content-type": "application/json" }, body: JSON.stringify({ id: 1, title: "x".repeat(1500) }) },
    },
  ];
  const tests: TestSpec[] = Array.from({ length: 30 }, (_, i) => ({
    testId: `test-${i}`,
    competencyId: i % 3 === 0 ? "security" : "api-design",
    points: 1 + (i % 3),
    outcome: i % 4 === 0 ? "FAILED" : "PASSED",
    visibility: i % 2 ? "HIDDEN" : "PUBLIC",
    message: i % 4 === 0 ? "expected 201, got 500" : undefined,
    evidence,
  }));
  for (const attempt of [1, 2, 3]) await createAttempt(prisma, invitation.id, attempt, { tests });
  app = await startAppServer({ DATABASE_URL: url, REDIS_URL: services.redisUrl });
  const session = new HttpSession(app.url);
  if ((await session.login(users.manager1.email, PASSWORD)).status !== 302) throw new Error("bench login failed");
  await session.post(`/scorecards/${invitation.id}`, { intent: "save", "rating.api-design": "YES", notes: "bench draft" });
  const path = `/scorecards/${invitation.id}`;
  for (let i = 0; i < 20; i++) await (await session.get(path)).arrayBuffer();

  console.log(`scorecard page ${path} (30 tests with evidence, 3 attempts), production build on 127.0.0.1`);
  await measure(session, path, Math.min(50, options.requests), 1);
  await measure(session, path, options.requests, options.concurrency);
} finally {
  await app?.stop();
  await prisma.$disconnect();
  await adminQuery(services.adminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await services.stop();
}
