import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApiToken } from "~/lib/api/tokens.server";
import { startWebhookConsumer, type WebhookConsumer } from "../../runner/webhooks/consumer";
import { systemLookup } from "../../runner/webhooks/address-guard";
import { emitSubmissionResult } from "../../runner/webhooks/submission-events";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { ContractClient } from "./api-client";
import { Receiver, verify } from "./api-receiver";
import { FIXTURE_ASSESSMENTS_DIR, loginCookie, seedAssessment, seedUsers, tempDataDir, USERS } from "./candidate-fixtures";

const QUEUE_PREFIX = `api-webhooks-test-${process.pid}`;

let db: TestDatabase;
let app: AppServer;
let client: ContractClient;
let consumer: WebhookConsumer;
let receiver: Receiver;
let token: string;
let adminCookie: string;
let assessmentId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const users = await seedUsers(db.prisma);
  assessmentId = (await seedAssessment(db.prisma)).id;
  app = await startAppServer({ DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL!, DATA_DIR: await tempDataDir(), ASSESSMENTS_DIR: FIXTURE_ASSESSMENTS_DIR, RUNNER_QUEUE_PREFIX: QUEUE_PREFIX });
  client = await ContractClient.connect(app.url);
  receiver = new Receiver();
  await receiver.start();
  const generated = generateApiToken();
  token = generated.token;
  await db.prisma.apiToken.create({ data: { name: "ats", prefix: generated.prefix, tokenHash: generated.tokenHash, scopes: ["read", "invitations:write", "webhooks:write"], createdById: users.admin } });
  adminCookie = await loginCookie(app.url, USERS.admin.email, USERS.admin.password);
  const allowed = await fetch(`${app.url}/admin/webhooks`, { method: "POST", body: new URLSearchParams({ intent: "allow-host", host: "127.0.0.1" }), headers: { Cookie: adminCookie, Origin: app.url }, redirect: "manual" });
  expect(allowed.status).toBe(200);
  const redisUrl = process.env.TEST_REDIS_URL!;
  consumer = await startWebhookConsumer({
    prisma: db.prisma,
    redis: () => new Redis(redisUrl, { maxRetriesPerRequest: null }),
    prefix: QUEUE_PREFIX,
    allowHttp: false,
    publicUrl: app.url,
    baseDelayMs: 20,
    timeoutMs: 5_000,
    sweepIntervalMs: 3_600_000,
    // rebind.test stands for a name whose DNS answer changed to a private address after saving.
    lookup: async (hostname) => (hostname === "rebind.test" ? [{ address: "127.0.0.1", family: 4 }] : systemLookup(hostname)),
    log: () => undefined,
  });
});

afterAll(async () => {
  await consumer?.queue.obliterate({ force: true }).catch(() => undefined);
  await consumer?.close();
  await receiver?.stop();
  await app?.stop();
  await db?.drop();
});

async function subscribe(path: string, events: string[]): Promise<string> {
  const created = await client.call("POST", "/webhooks", { token, body: { url: `${receiver.url}${path}`, events } });
  expect(created.status).toBe(201);
  receiver.secrets.set(path, created.json.secret);
  return created.json.id;
}

async function invite(email: string): Promise<string> {
  const reply = await client.call("POST", "/invitations", { token, body: { candidateName: "Hook Candidate", candidateEmail: email, assessmentId } });
  expect(reply.status).toBe(201);
  return reply.json.id;
}

async function settled(deliveryId: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const row = await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    if (row.status !== "PENDING") return row;
    if (Date.now() > deadline) throw new Error(`delivery ${deliveryId} stayed PENDING`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("webhook deliveries", () => {
  it("are signed so a receiver written from docs/api.md verifies them, logged, and redeliverable with the same id", async () => {
    const subscriptionId = await subscribe("/signed", ["invitation.created"]);
    const invitationId = await invite("signed@example.test");
    await receiver.waitFor((all) => all.some((r) => r.path === "/signed"), "invitation.created");
    const [first] = receiver.received.filter((r) => r.path === "/signed");
    expect(first.verified).toBe(true);
    client.checkWebhook(first.body);
    expect(first.event).toBe("invitation.created");
    const body = JSON.parse(first.body);
    expect(body).toMatchObject({ id: first.deliveryId, event: "invitation.created", data: { invitation: { id: invitationId, status: "invited" } } });
    expect(verify(receiver.secrets.get("/signed")!, first.body.replace("invited", "revoked"), "t=1,v1=00")).toBe(false);
    const apiView = await client.call("GET", `/invitations/${invitationId}`, { token });
    expect(body.data.invitation).toEqual(apiView.json);

    const row = await settled(first.deliveryId);
    expect(row).toMatchObject({ status: "DELIVERED", attempts: 1, responseStatus: 200, responseBody: "ok", subscriptionId });
    const log = await client.call("GET", `/webhooks/${subscriptionId}/deliveries`, { token });
    expect(log.json.data[0]).toMatchObject({ id: first.deliveryId, status: "delivered", attempts: 1 });
    const page = await (await fetch(`${app.url}/admin/webhooks/${subscriptionId}`, { headers: { Cookie: adminCookie } })).text();
    expect(page).toContain(first.deliveryId);
    expect(page).not.toContain(receiver.secrets.get("/signed")!);

    const redo = await fetch(`${app.url}/admin/webhooks/${subscriptionId}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "redeliver", deliveryId: first.deliveryId }),
      headers: { Cookie: adminCookie, Origin: app.url },
    });
    expect(redo.status).toBe(200);
    await receiver.waitFor((all) => all.filter((r) => r.path === "/signed").length === 2, "the redelivery");
    const again = receiver.received.filter((r) => r.path === "/signed")[1];
    expect(again.deliveryId).toBe(first.deliveryId);
    expect(again.body).toBe(first.body);
    expect(again.verified).toBe(true);
    expect([...receiver.processed.keys()].filter((id) => id === first.deliveryId)).toHaveLength(1);
    expect((await client.call("DELETE", `/webhooks/${subscriptionId}`, { token })).status).toBe(204);
  });

  it("are retried with backoff after receiver 500s and processed exactly once by delivery id", async () => {
    const subscriptionId = await subscribe("/flaky", ["invitation.created"]);
    receiver.script.set("/flaky", [500, 500, 503]);
    await invite("flaky@example.test");
    await receiver.waitFor((all) => all.filter((r) => r.path === "/flaky").length >= 4, "four attempts");
    const attempts = receiver.received.filter((r) => r.path === "/flaky");
    expect(new Set(attempts.map((r) => r.deliveryId)).size).toBe(1);
    expect(attempts.every((r) => r.verified)).toBe(true);
    const row = await settled(attempts[0].deliveryId);
    expect(row).toMatchObject({ status: "DELIVERED", attempts: 4, responseStatus: 200 });
    expect([...receiver.processed.keys()].filter((id) => id === attempts[0].deliveryId)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.filter((r) => r.path === "/flaky")).toHaveLength(4);
    expect((await client.call("DELETE", `/webhooks/${subscriptionId}`, { token })).status).toBe(204);
  });

  it("disable the subscription with a notice once the last attempt fails", async () => {
    const subscriptionId = await subscribe("/down", ["review.submitted"]);
    receiver.script.set("/down", [500, 500, 500]);
    const delivery = await db.prisma.webhookDelivery.create({ data: { subscriptionId, event: "review.submitted", body: JSON.stringify({ id: "x", event: "review.submitted", data: {} }) } });
    // The real schedule is 13 attempts over about 24 h; two attempts exercise the same last-attempt rule.
    await consumer.queue.add("deliver", { deliveryId: delivery.id }, { jobId: delivery.id, attempts: 2, backoff: { type: "webhook-exponential" } });
    const row = await settled(delivery.id);
    expect(row).toMatchObject({ status: "FAILED", attempts: 2, responseStatus: 500, error: "the receiver answered HTTP 500" });
    const subscription = await client.call("GET", `/webhooks/${subscriptionId}`, { token });
    expect(subscription.json.enabled).toBe(false);
    expect(subscription.json.disabledReason).toContain(delivery.id);
    const page = await (await fetch(`${app.url}/admin/webhooks`, { headers: { Cookie: adminCookie } })).text();
    expect(page).toContain("disabled because deliveries kept failing");
    expect(await db.prisma.auditLog.count({ where: { action: "webhook.auto-disable", entityId: subscriptionId } })).toBe(1);
    expect((await client.call("DELETE", `/webhooks/${subscriptionId}`, { token })).status).toBe(204);
  });
});

describe("events emitted by the web app and the sweep", () => {
  it("sends review.submitted when a reviewer submits (not for drafts), with the review the API shows", async () => {
    const subscriptionId = await subscribe("/reviews", ["review.submitted"]);
    const invitationId = await invite("reviewed@example.test");
    const manager = await loginCookie(app.url, USERS.manager.email, USERS.manager.password);
    const post = (form: Record<string, string>) =>
      fetch(`${app.url}/scorecards/${invitationId}`, { method: "POST", body: new URLSearchParams(form), headers: { Cookie: manager, Origin: app.url }, redirect: "manual" });
    const ratings = { "rating.api-design": "YES", "rating.problem-solving": "STRONG_YES", recommendation: "YES", notes: "Clear code" };
    expect((await post({ intent: "save", ...ratings })).status).toBeLessThan(400);
    expect((await post({ intent: "submit", ...ratings })).status).toBeLessThan(400);
    await receiver.waitFor((all) => all.some((r) => r.path === "/reviews"), "review.submitted");
    const deliveries = receiver.received.filter((r) => r.path === "/reviews");
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0].verified).toBe(true);
    client.checkWebhook(deliveries[0].body);
    const payload = JSON.parse(deliveries[0].body);
    const scorecard = await client.call("GET", `/scorecards/${invitationId}`, { token });
    expect(payload.data).toEqual({ invitationId, review: scorecard.json.reviews[0] });
    expect(payload.data.review).toMatchObject({ recommendation: "yes", notes: "Clear code" });
    expect((await client.call("DELETE", `/webhooks/${subscriptionId}`, { token })).status).toBe(204);
  });

  it("sends invitation.expired once for an invitation whose deadline passed without a submission", async () => {
    const subscriptionId = await subscribe("/expired", ["invitation.expired"]);
    const invitationId = await invite("expiring@example.test");
    await db.prisma.invitation.update({ where: { id: invitationId }, data: { deadline: new Date(Date.now() - 60_000) } });
    await consumer.sweepNow();
    await consumer.sweepNow();
    await receiver.waitFor((all) => all.some((r) => r.path === "/expired"), "invitation.expired");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const deliveries = receiver.received.filter((r) => r.path === "/expired");
    expect(deliveries.map((r) => JSON.parse(r.body).data.invitation.id)).toEqual([invitationId]);
    expect(JSON.parse(deliveries[0].body).data.invitation.status).toBe("expired");
    client.checkWebhook(deliveries[0].body);
    expect((await client.call("DELETE", `/webhooks/${subscriptionId}`, { token })).status).toBe(204);
  });
});

describe("events emitted by the grading worker", () => {
  it("sends submission.graded once per submission, however often the worker reports it, with the API's figures", async () => {
    const subscriptionId = await subscribe("/graded", ["submission.graded", "submission.failed"]);
    const invitationId = await invite("graded@example.test");
    const submission = await db.prisma.submission.create({
      data: {
        invitationId,
        attempt: 1,
        status: "GRADED",
        archiveSha256: "0".repeat(64),
        archiveSize: 1,
        archivePath: "/x",
        seed: 1,
        overallScore: 0.75,
        competencyScores: { "api-design": { earned: 3, possible: 4, score: 0.75 } },
        finishedAt: new Date(),
        testResults: { create: [{ testId: "t", title: "t", competencyId: "api-design", points: 4, earned: 3, visibility: "PUBLIC", outcome: "FAILED", durationMs: 1 }] },
      },
    });
    const results = await Promise.all([1, 2, 3].map(() => emitSubmissionResult(db.prisma, consumer.queue, submission.id, app.url)));
    expect(results.flat()).toHaveLength(1);
    await receiver.waitFor((all) => all.some((r) => r.path === "/graded"), "submission.graded");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const deliveries = receiver.received.filter((r) => r.path === "/graded");
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0].event).toBe("submission.graded");
    client.checkWebhook(deliveries[0].body);
    const fromApi = await client.call("GET", `/submissions/${submission.id}`, { token });
    expect(JSON.parse(deliveries[0].body).data.submission).toEqual(fromApi.json);
    const queued = await db.prisma.submission.create({ data: { invitationId, attempt: 2, status: "RUNNING", archiveSha256: "0".repeat(64), archiveSize: 1, archivePath: "/x", seed: 1 } });
    expect(await emitSubmissionResult(db.prisma, consumer.queue, queued.id, app.url)).toEqual([]);
    expect((await client.call("DELETE", `/webhooks/${subscriptionId}`, { token })).status).toBe(204);
  });
});

describe("SSRF at delivery time", () => {
  async function deliverOnce(url: string): Promise<{ error: string | null; responseStatus: number | null }> {
    const subscription = await db.prisma.webhookSubscription.create({ data: { url, events: ["invitation.created"], secret: "whsec_x", createdById: (await db.prisma.user.findFirstOrThrow()).id } });
    const delivery = await db.prisma.webhookDelivery.create({ data: { subscriptionId: subscription.id, event: "invitation.created", body: "{}" } });
    await consumer.queue.add("deliver", { deliveryId: delivery.id }, { jobId: delivery.id, attempts: 1 });
    return settled(delivery.id);
  }

  it("does not follow a redirect to a private address", async () => {
    let trapped = 0;
    const trap = createServer((_request, response) => {
      trapped++;
      response.end("inside");
    });
    await new Promise<void>((resolve) => trap.listen(0, "127.0.0.2", resolve));
    try {
      const target = `http://127.0.0.2:${(trap.address() as AddressInfo).port}/metadata`;
      receiver.redirects.set("/redirect", target);
      const row = await deliverOnce(`${receiver.url}/redirect`);
      expect(row.responseStatus).toBe(302);
      expect(row.error).toContain("redirects are not followed");
      expect(trapped).toBe(0);
    } finally {
      await new Promise((resolve) => trap.close(resolve));
    }
  });

  it("refuses a name that now resolves to loopback, and link-local, private and plain-http receivers", async () => {
    const port = new URL(receiver.url).port;
    const rebound = await deliverOnce(`https://rebind.test:${port}/hook`);
    expect(rebound.error).toMatch(/resolves to 127\.0\.0\.1/);
    expect(rebound.responseStatus).toBeNull();
    expect((await deliverOnce("https://169.254.169.254/latest/meta-data")).error).toMatch(/private, loopback or link-local/);
    expect((await deliverOnce("https://10.0.0.7/hook")).error).toMatch(/private, loopback or link-local/);
    expect((await deliverOnce(`http://127.0.0.2:${port}/hook`)).error).toMatch(/https/);
    expect(receiver.received.filter((r) => r.path === "/hook")).toHaveLength(0);
  });
});
