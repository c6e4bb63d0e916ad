import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it, inject } from "vitest";
import { migrate } from "../../prisma/migrator";
import { ensurePostgres, type StartedService } from "../../scripts/lib/services";
import { createPrismaClient, type PrismaClient } from "~/lib/db.server";
import { freePort, startAppServer, type AppServer } from "../support/app-server";
import { createInvite, seedAssessment, seedUsers } from "./candidate-fixtures";

// The real web server against a PostgreSQL cluster of this file's own (own folder, own port), which
// the test stops and starts: every page answers 503 + Retry-After with the calm page meanwhile, the
// log has one line for the outage instead of a stack trace per request, and service resumes alone.

const dataRoot = mkdtempSync(path.join(tmpdir(), "hirekit-db-outage-"));
let pgPort: number;
let postgres: StartedService;
let prisma: PrismaClient;
let server: AppServer;
let token: string;

beforeAll(async () => {
  pgPort = await freePort();
  postgres = await ensurePostgres(dataRoot, pgPort);
  await migrate({ databaseUrl: postgres.url!, migrationsDir: path.resolve("prisma/migrations") });
  prisma = createPrismaClient(postgres.url!, { max: 2 });
  const users = await seedUsers(prisma);
  const assessment = await seedAssessment(prisma);
  token = (await createInvite(prisma, { assessmentId: assessment.id, createdById: users.recruiter })).token;
  await prisma.$disconnect();
  server = await startAppServer({ DATABASE_URL: postgres.url!, REDIS_URL: process.env.TEST_REDIS_URL ?? inject("redisUrl"), DATA_DIR: dataRoot });
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await postgres?.stop().catch(() => undefined);
  rmSync(dataRoot, { recursive: true, force: true });
});

const page = (pathname: string, accept = "text/html") => fetch(`${server.url}${pathname}`, { headers: { accept }, redirect: "manual" });

it("answers 503 with Retry-After and a calm page while PostgreSQL is down, logs the outage once, and recovers by itself", { timeout: 180_000 }, async () => {
  expect((await page(`/c/${token}`)).status).toBe(200);
  expect((await page("/jobs")).status).toBe(200);
  const logStart = server.logs().length;

  await postgres.stop();
  const stoppedAt = Date.now();
  // The first request to meet the outage is a JSON-only route: a calm 503, not a 500.
  const first = await page(`/c/${token}/status?submission=00000000-0000-0000-0000-000000000000`, "application/json");
  expect(first.status).toBe(503);
  expect(first.headers.get("retry-after")).toBe("10");
  expect(await first.json()).toEqual({ error: "Hirekit is briefly unavailable. Try again in 10 seconds." });
  const candidate = await page(`/c/${token}`);
  expect(candidate.status).toBe(503);
  expect(candidate.headers.get("retry-after")).toBe("10");
  const html = await candidate.text();
  expect(html).toContain("Hirekit is briefly unavailable");
  expect(html).not.toMatch(/prisma|127\.0\.0\.1|Unexpected Server Error/i);

  // A public page rendered in the last few seconds may still be answered from memory, as a CDN in
  // front would; one that was not rendered before the outage gets the calm 503.
  for (let i = 0; i < 10; i++) {
    const response = await page(i % 2 ? `/jobs?during-outage=${i}` : `/c/${token}`);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("10");
    expect(await response.text()).toContain("Hirekit is briefly unavailable");
  }
  const status = await page(`/c/${token}/status?submission=00000000-0000-0000-0000-000000000000`, "application/json");
  expect(status.status).toBe(503);
  expect(status.headers.get("retry-after")).toBe("10");
  expect(await status.json()).toEqual({ error: "Hirekit is briefly unavailable. Try again in 10 seconds." });
  // A POST (the login action) during the outage is refused the same way, not half-done.
  const login = await fetch(`${server.url}/login`, {
    method: "POST",
    body: new URLSearchParams({ email: "admin@example.test", password: "admin-password-1" }),
    headers: { Origin: server.url, accept: "text/html" },
    redirect: "manual",
  });
  expect(login.status).toBe(503);

  const during = server.logs().slice(logStart);
  expect(during.match(/PostgreSQL is unreachable/g)).toHaveLength(1);
  expect(during).not.toMatch(/PrismaClientKnownRequestError|Invalid `prisma|at async/);

  postgres = await ensurePostgres(dataRoot, pgPort);
  const restartedAt = Date.now();
  let recovered = 0;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const response = await page(`/c/${token}`);
    if (response.status === 200) {
      recovered = Date.now();
      break;
    }
    expect(response.status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect(recovered, "the site did not come back within 60 s of PostgreSQL").toBeGreaterThan(0);
  expect((await page("/jobs")).status).toBe(200);
  const after = server.logs().slice(logStart);
  expect(after.match(/PostgreSQL is unreachable/g)).toHaveLength(1);
  expect(after).toMatch(/PostgreSQL is reachable again after [\d.]+ s \(\d+ requests? answered 503\)\./);
  console.log(`db outage: down ${((restartedAt - stoppedAt) / 1000).toFixed(1)} s; pages back ${((recovered - restartedAt) / 1000).toFixed(1)} s after PostgreSQL accepted connections`);
});
