import { spawn, type ChildProcess } from "node:child_process";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApiToken } from "~/lib/api/tokens.server";
import { WEBHOOK_QUEUE } from "../../runner/webhooks/queue";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { ContractClient } from "./api-client";
import { Receiver } from "./api-receiver";
import { archiveForm, FIXTURE_ASSESSMENTS_DIR, postMultipart, seedAssessment, seedUsers, tempDataDir, zipBytes } from "./candidate-fixtures";

// The whole integration as an ATS sees it: invite by API → the candidate uploads → the real worker
// process grades and sends submission.graded → the API answers with the same figures.
const QUEUE_PREFIX = `api-flow-test-${process.pid}`;

let db: TestDatabase;
let app: AppServer;
let worker: ChildProcess;
let workerOutput = "";
let client: ContractClient;
let receiver: Receiver;
let token: string;
let assessmentId: string;

async function solutionFiles(name: string): Promise<Record<string, string>> {
  const dir = path.join("runner/fixtures/solutions", name);
  const files: Record<string, string> = {};
  for (const file of await readdir(dir)) files[file] = await readFile(path.join(dir, file), "utf8");
  return files;
}

beforeAll(async () => {
  db = await createTestDatabase();
  const users = await seedUsers(db.prisma);
  assessmentId = (await seedAssessment(db.prisma)).id;
  const dataDir = await tempDataDir();
  const env = { DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL!, DATA_DIR: dataDir, ASSESSMENTS_DIR: FIXTURE_ASSESSMENTS_DIR, RUNNER_QUEUE_PREFIX: QUEUE_PREFIX };
  app = await startAppServer(env);
  client = await ContractClient.connect(app.url);
  receiver = new Receiver();
  await receiver.start();
  await db.prisma.webhookAllowedHost.create({ data: { host: "127.0.0.1" } });
  const generated = generateApiToken();
  token = generated.token;
  await db.prisma.apiToken.create({ data: { name: "ats", prefix: generated.prefix, tokenHash: generated.tokenHash, scopes: ["read", "invitations:write", "webhooks:write"], createdById: users.admin } });
  worker = spawn(process.execPath, ["--import", "tsx", "runner/worker/main.ts"], {
    env: { ...process.env, ...env, NODE_ENV: "production", PUBLIC_URL: app.url, RUNNER_CONCURRENCY: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  worker.stdout?.on("data", (chunk: Buffer) => (workerOutput += chunk.toString()));
  worker.stderr?.on("data", (chunk: Buffer) => (workerOutput += chunk.toString()));
});

afterAll(async () => {
  if (worker && worker.exitCode === null) {
    worker.kill("SIGTERM");
    await new Promise((resolve) => worker.once("exit", resolve));
  }
  const redisUrl = process.env.TEST_REDIS_URL!;
  for (const name of ["grading", WEBHOOK_QUEUE]) {
    const queue = new Queue(name, { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix: QUEUE_PREFIX });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
  await receiver?.stop();
  await app?.stop();
  await db?.drop();
});

describe("an ATS integration end to end", () => {
  it("invites by API, the candidate uploads, submission.graded arrives signed with the score, and the API returns the same figures", async () => {
    const subscription = await client.call("POST", "/webhooks", { token, body: { url: `${receiver.url}/ats`, events: ["submission.graded", "submission.failed"] } });
    expect(subscription.status).toBe(201);
    receiver.secrets.set("/ats", subscription.json.secret);

    const invited = await client.call("POST", "/invitations", { token, body: { candidateName: "Flow Candidate", candidateEmail: "flow@example.test", assessmentId }, headers: { "Idempotency-Key": "flow-1" } });
    expect(invited.status).toBe(201);
    const candidatePath = new URL(invited.json.candidateUrl).pathname;
    const start = await fetch(`${app.url}${candidatePath}`, { method: "POST", body: new URLSearchParams({ intent: "start" }), headers: { Origin: app.url }, redirect: "manual" });
    expect(start.status).toBeLessThan(400);
    const upload = await postMultipart(app.url, candidatePath, archiveForm(await zipBytes(await solutionFiles("node-fast")), "solution.zip"));
    expect(upload.status, await upload.text()).toBe(302);

    try {
      await receiver.waitFor((all) => all.some((r) => r.path === "/ats"), "submission.graded", 240_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}\nworker output:\n${workerOutput.slice(-4000)}`);
    }
    const [delivery] = receiver.received.filter((r) => r.path === "/ats");
    expect(delivery.verified).toBe(true);
    expect(delivery.event).toBe("submission.graded");
    client.checkWebhook(delivery.body);
    const payload = JSON.parse(delivery.body);
    const submission = payload.data.submission;
    expect(submission).toMatchObject({ invitationId: invited.json.id, attempt: 1, status: "graded" });
    expect(submission.overallScore).toBeGreaterThan(0);
    expect(submission.competencyScores.length).toBeGreaterThan(0);
    expect(submission.tests.public.total + submission.tests.hidden.total).toBeGreaterThan(0);

    const fromApi = await client.call("GET", `/submissions/${submission.id}`, { token });
    expect(fromApi.json).toEqual(submission);
    const status = await client.call("GET", `/partner/greenhouse/test_status?partner_interview_id=${invited.json.id}`, { token });
    expect(status.json).toMatchObject({ partner_status: "complete", partner_score: Math.round(submission.overallScore * 1000) / 10 });
    const row = await db.prisma.submission.findUniqueOrThrow({ where: { id: submission.id } });
    expect(row.overallScore).toBe(submission.overallScore);
  });
});
