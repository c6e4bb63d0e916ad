import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestFingerprint } from "~/lib/api/idempotency.server";
import { generateApiToken } from "~/lib/api/tokens.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { ContractClient } from "./api-client";
import { createInvite, FIXTURE_ASSESSMENTS_DIR, loginCookie, seedAssessment, seedUsers, tempDataDir, USERS } from "./candidate-fixtures";

const RATE_LIMIT = 40;
const QUEUE_PREFIX = `api-test-${process.pid}`;

let db: TestDatabase;
let app: AppServer;
let client: ContractClient;
let users: Record<keyof typeof USERS, string>;
let assessmentId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  users = await seedUsers(db.prisma);
  assessmentId = (await seedAssessment(db.prisma)).id;
  app = await startAppServer({
    DATABASE_URL: db.url,
    REDIS_URL: process.env.TEST_REDIS_URL!,
    DATA_DIR: await tempDataDir(),
    ASSESSMENTS_DIR: FIXTURE_ASSESSMENTS_DIR,
    API_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    RUNNER_QUEUE_PREFIX: QUEUE_PREFIX,
  });
  client = await ContractClient.connect(app.url);
});

afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function apiToken(scopes: string[], options: { expiresAt?: Date } = {}): Promise<string> {
  const { token, tokenHash, prefix } = generateApiToken();
  await db.prisma.apiToken.create({ data: { name: `test ${scopes.join(" ")}`, prefix, tokenHash, scopes, expiresAt: options.expiresAt ?? null, createdById: users.admin } });
  return token;
}

function adminPost(cookie: string, pathname: string, form: URLSearchParams): Promise<Response> {
  return fetch(`${app.url}${pathname}`, { method: "POST", body: form, headers: { Cookie: cookie, Origin: app.url }, redirect: "manual" });
}

describe("API tokens", () => {
  it("are created by an admin, shown once, stored as a hash, stamped and audited on use, and revocable", async () => {
    const cookie = await loginCookie(app.url, USERS.admin.email, USERS.admin.password);
    const form = new URLSearchParams([
      ["intent", "create"],
      ["name", "Greenhouse"],
      ["scopes", "read"],
      ["scopes", "invitations:write"],
      ["expiresInDays", "30"],
    ]);
    const created = await adminPost(cookie, "/admin/api-tokens", form);
    expect(created.status).toBe(200);
    const html = await created.text();
    const token = /data-testid="new-token">(hk_[A-Za-z0-9_-]{43})</.exec(html)?.[1];
    expect(token).toBeTruthy();
    expect(html).toContain("shown only once");

    const row = await db.prisma.apiToken.findFirstOrThrow({ where: { name: "Greenhouse" } });
    expect(row.tokenHash).toBe(sha256(token!));
    expect(JSON.stringify(row)).not.toContain(token!);
    expect(row.scopes).toEqual(["read", "invitations:write"]);
    expect(row.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(row.lastUsedAt).toBeNull();
    expect((await adminPost(cookie, "/admin/api-tokens", new URLSearchParams({ intent: "create", name: "", expiresInDays: "30" }))).status).toBe(400);

    const listed = await client.call("GET", "/assessments", { token });
    expect(listed.status).toBe(200);
    expect(listed.json.data.map((a: { id: string }) => a.id)).toContain(assessmentId);
    const used = await db.prisma.apiToken.findUniqueOrThrow({ where: { id: row.id } });
    expect(used.lastUsedAt).not.toBeNull();
    const audits = await db.prisma.auditLog.findMany({ where: { action: "api.request", entityId: row.id } });
    expect(audits).toHaveLength(1);
    expect(audits[0].actorId).toBe(users.admin);
    expect(audits[0].data).toEqual({ method: "GET", path: "/api/v1/assessments", status: 200 });
    const page = await (await fetch(`${app.url}/admin/api-tokens`, { headers: { Cookie: cookie } })).text();
    expect(page).toContain(row.prefix);
    expect(page).not.toContain(token!);

    expect((await adminPost(cookie, "/admin/api-tokens", new URLSearchParams({ intent: "revoke", tokenId: row.id }))).status).toBe(200);
    const revoked = await client.call("GET", "/assessments", { token });
    expect(revoked.status).toBe(401);
    expect(revoked.json.detail).toMatch(/revoked/);
    expect(await db.prisma.auditLog.count({ where: { action: "api-token.revoke", entityId: row.id } })).toBe(1);
  });

  it("are refused when missing, malformed, unknown or expired", async () => {
    const missing = await client.call("GET", "/invitations");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(missing.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect((await client.call("GET", "/invitations", { token: "nope" })).status).toBe(401);
    expect((await client.call("GET", "/invitations", { token: generateApiToken().token })).status).toBe(401);
    const expired = await apiToken(["read"], { expiresAt: new Date(Date.now() - 1000) });
    const reply = await client.call("GET", "/invitations", { token: expired });
    expect(reply.status).toBe(401);
    expect(reply.json.detail).toMatch(/expired/);
    const live = await apiToken(["read"], { expiresAt: new Date(Date.now() + 3_600_000) });
    expect((await client.call("GET", "/invitations", { token: live })).status).toBe(200);
  });

  it("grant only their scopes", async () => {
    const reader = await apiToken(["read"]);
    const writer = await apiToken(["invitations:write"]);
    const body = { candidateName: "Scoped", candidateEmail: "scoped@example.test", assessmentId };
    const refused = await client.call("POST", "/invitations", { token: reader, body });
    expect(refused.status).toBe(403);
    expect(refused.json.detail).toContain("invitations:write");
    expect(await db.prisma.invitation.count({ where: { candidateEmail: "scoped@example.test" } })).toBe(0);
    expect((await client.call("POST", "/webhooks", { token: writer, body: { url: "https://example.com/hook", events: ["invitation.created"] } })).status).toBe(403);
    expect((await client.call("GET", "/invitations", { token: writer })).status).toBe(403);
    expect((await client.call("POST", "/invitations", { token: writer, body })).status).toBe(201);
  });

  it("never open HTML routes, and sessions never open the API", async () => {
    const token = await apiToken(["read", "invitations:write"]);
    const page = await fetch(`${app.url}/invitations`, { headers: { Authorization: `Bearer ${token}` }, redirect: "manual" });
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toMatch(/^\/login/);
    const cookie = await loginCookie(app.url, USERS.admin.email, USERS.admin.password);
    expect((await client.call("GET", "/invitations", { headers: { Cookie: cookie } })).status).toBe(401);
    const post = await client.call("POST", "/invitations", { headers: { Cookie: cookie, Origin: app.url }, body: { candidateName: "Cookie", candidateEmail: "cookie@example.test", assessmentId } });
    expect(post.status).toBe(401);
  });

  it("work cross-origin without a CSRF refusal, because the API has no ambient credentials", async () => {
    const token = await apiToken(["invitations:write"]);
    const reply = await client.call("POST", "/invitations", {
      token,
      headers: { Origin: "https://ats.example" },
      body: { candidateName: "Cross Origin", candidateEmail: "cross@example.test", assessmentId },
    });
    expect(reply.status).toBe(201);
    const html = await fetch(`${app.url}/invitations/new`, { method: "POST", headers: { Origin: "https://ats.example", Authorization: `Bearer ${token}` }, body: new URLSearchParams({}) });
    expect(html.status).toBe(403);
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After after the per-minute budget, counted in Redis across web processes", async () => {
    const second = await startAppServer({ DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL!, API_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT), RUNNER_QUEUE_PREFIX: QUEUE_PREFIX });
    try {
      const other = await ContractClient.connect(second.url);
      const token = await apiToken(["read"]);
      const statuses: number[] = [];
      for (let i = 0; i < RATE_LIMIT; i++) {
        const reply = await (i % 2 === 0 ? client : other).call("GET", "/assessments", { token });
        statuses.push(reply.status);
        expect(Number(reply.headers.get("x-ratelimit-remaining"))).toBe(RATE_LIMIT - i - 1);
      }
      expect(statuses.every((status) => status === 200)).toBe(true);
      for (const target of [client, other]) {
        const limited = await target.call("GET", "/assessments", { token });
        expect(limited.status).toBe(429);
        const retryAfter = Number(limited.headers.get("retry-after"));
        expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
        expect(limited.json.type).toMatch(/rate-limited$/);
      }
      const fresh = await apiToken(["read"]);
      expect((await client.call("GET", "/assessments", { token: fresh })).status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});

describe("idempotent invitation create", () => {
  it("replays the stored answer for the same key and body, and refuses the key with another body", async () => {
    const token = await apiToken(["invitations:write", "read"]);
    const body = { candidateName: "Idem Potent", candidateEmail: "idem@example.test", assessmentId, deadline: inDays(5) };
    const first = await client.call("POST", "/invitations", { token, body, headers: { "Idempotency-Key": "ats-retry-1" } });
    expect(first.status).toBe(201);
    expect(first.json.candidateUrl).toMatch(/\/c\/[A-Za-z0-9_-]{43}$/);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await client.call("POST", "/invitations", { token, body: reordered, headers: { "Idempotency-Key": "ats-retry-1" } });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json).toEqual(first.json);
    expect(first.headers.get("location")).toBeTruthy();
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    expect(await db.prisma.invitation.count({ where: { candidateEmail: "idem@example.test" } })).toBe(1);
    expect(await db.prisma.outboxEmail.count({ where: { to: "idem@example.test" } })).toBe(1);

    const other = await client.call("POST", "/invitations", { token, body: { ...body, candidateName: "Someone Else" }, headers: { "Idempotency-Key": "ats-retry-1" } });
    expect(other.status).toBe(422);
    expect(other.json.type).toMatch(/idempotency-key-reused$/);
    expect(await db.prisma.invitation.count({ where: { candidateEmail: "idem@example.test" } })).toBe(1);

    const otherToken = await apiToken(["invitations:write"]);
    expect((await client.call("POST", "/invitations", { token: otherToken, body, headers: { "Idempotency-Key": "ats-retry-1" } })).status).toBe(201);
    expect((await client.call("POST", "/invitations", { token, body, headers: { "Idempotency-Key": "ats-retry-2" } })).status).toBe(201);
    expect(await db.prisma.invitation.count({ where: { candidateEmail: "idem@example.test" } })).toBe(3);
    expect((await client.call("POST", "/invitations", { token, body, headers: { "Idempotency-Key": "bad key with spaces" } })).status).toBe(400);
  });

  it("frees a key whose request died mid-way, and purges every stored answer once its day is over", async () => {
    const token = await apiToken(["invitations:write", "read"]);
    const tokenId = (await db.prisma.apiToken.findFirstOrThrow({ where: { tokenHash: sha256(token) } })).id;
    const body = { candidateName: "Crash Retry", candidateEmail: "crash-retry@example.test", assessmentId, deadline: inDays(5) };
    // What a process killed during the request leaves: the key claimed, no answer.
    await db.prisma.apiIdempotencyKey.create({ data: { tokenId, key: "died-mid-way", requestHash: "x", createdAt: new Date(Date.now() - 5 * 60_000) } });
    const stale = await db.prisma.apiIdempotencyKey.create({ data: { tokenId, key: "old-answer", requestHash: "y", status: 201, responseBody: "{}", createdAt: new Date(Date.now() - 25 * 3600_000) } });
    const retry = await client.call("POST", "/invitations", { token, body, headers: { "Idempotency-Key": "died-mid-way" } });
    expect(retry.status).toBe(201);
    expect(await db.prisma.invitation.count({ where: { candidateEmail: "crash-retry@example.test" } })).toBe(1);
    expect(await db.prisma.apiIdempotencyKey.count({ where: { id: stale.id } })).toBe(0);

    // A claim younger than a minute may still be running: the same key waits.
    await db.prisma.apiIdempotencyKey.create({ data: { tokenId, key: "still-running", requestHash: requestFingerprint("POST", "/invitations", body) } });
    const busy = await client.call("POST", "/invitations", { token, body, headers: { "Idempotency-Key": "still-running" } });
    expect(busy.status).toBe(409);
  });
});

describe("resources", () => {
  it("create, list with filters and cursors, get, revoke and extend invitations", async () => {
    const token = await apiToken(["read", "invitations:write"]);
    const batch = await client.call("POST", "/invitations/batch", {
      token,
      body: {
        assessmentId,
        deadline: inDays(3),
        candidates: [
          { candidateName: "Batch One", candidateEmail: "batch1@example.test" },
          { candidateName: "Batch Two", candidateEmail: "batch2@example.test" },
          { candidateName: "Batch Three", candidateEmail: "batch3@example.test", deadline: inDays(9) },
        ],
      },
    });
    expect(batch.status).toBe(201);
    expect(batch.json.data).toHaveLength(3);
    const ids: string[] = batch.json.data.map((row: { id: string }) => row.id);
    expect(await db.prisma.auditLog.count({ where: { action: "invitation.create", entityId: { in: ids } } })).toBe(3);

    const invalid = await client.call("POST", "/invitations/batch", { token, body: { assessmentId, candidates: [{ candidateName: "", candidateEmail: "nope" }] } });
    expect(invalid.status).toBe(422);
    expect(invalid.json.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(["/candidates/0/candidateName", "/candidates/0/candidateEmail"]));
    const unknown = await client.call("POST", "/invitations", { token, body: { candidateName: "X", candidateEmail: "x@example.test", assessmentId: "no-such-assessment" } });
    expect(unknown.status).toBe(422);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const pageReply: { json: { data: { id: string }[]; nextCursor: string | null } } = await client.call("GET", `/invitations?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { token });
      seen.push(...pageReply.json.data.map((row) => row.id));
      cursor = pageReply.json.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await db.prisma.invitation.count());
    expect((await client.call("GET", "/invitations?cursor=garbage", { token })).status).toBe(400);

    const byEmail = await client.call("GET", "/invitations?email=BATCH2@example.test", { token });
    expect(byEmail.json.data.map((row: { id: string }) => row.id)).toEqual([ids[1]]);

    const got = await client.call("GET", `/invitations/${ids[0]}`, { token });
    expect(got.json).toMatchObject({ id: ids[0], status: "invited", candidateEmail: "batch1@example.test", attemptsUsed: 0 });
    expect(got.json).not.toHaveProperty("candidateUrl");
    expect((await client.call("GET", "/invitations/00000000-0000-4000-8000-000000000000", { token })).status).toBe(404);

    const revoked = await client.call("POST", `/invitations/${ids[0]}/revoke`, { token });
    expect(revoked.json.status).toBe("revoked");
    expect((await client.call("POST", `/invitations/${ids[0]}/revoke`, { token })).status).toBe(409);
    const onlyRevoked = await client.call("GET", "/invitations?status=revoked", { token });
    expect(onlyRevoked.json.data.map((row: { id: string }) => row.id)).toEqual([ids[0]]);

    const later = inDays(20);
    const extended = await client.call("POST", `/invitations/${ids[1]}/extend`, { token, body: { deadline: later } });
    expect(extended.status).toBe(200);
    expect(extended.json.deadline).toBe(later);
    expect((await client.call("POST", `/invitations/${ids[1]}/extend`, { token, body: { deadline: inDays(10) } })).status).toBe(409);
    expect((await client.call("POST", `/invitations/${ids[1]}/extend`, { token, body: { deadline: "2001-01-01T00:00:00Z" } })).status).toBe(422);
  });

  it("read assessments, job descriptions, submissions and scorecards with their scores, counts and submitted reviews only", async () => {
    const token = await apiToken(["read"]);
    const assessment = await client.call("GET", `/assessments/${assessmentId}`, { token });
    const weights = (await db.prisma.assessment.findUniqueOrThrow({ where: { id: assessmentId } })).competencyWeights as Record<string, number>;
    expect(assessment.json.competencies).toEqual(Object.entries(weights).map(([competencyId, weight]) => ({ competencyId, weight })));
    expect(assessment.json.limits.memoryMb).toBe(128);
    expect((await client.call("GET", "/assessments/nope", { token })).status).toBe(404);

    const jd = await db.prisma.jobDescription.create({ data: { slug: "api-backend-dev", title: "Backend developer", level: "JUNIOR", status: "PUBLISHED", publishedAt: new Date(), assessmentId, createdById: users.recruiter } });
    const jds = await client.call("GET", "/job-descriptions?status=published", { token });
    expect(jds.json.data.map((row: { id: string }) => row.id)).toContain(jd.id);
    const oneJd = await client.call("GET", `/job-descriptions/${jd.slug}`, { token });
    expect(oneJd.json.links.publicPage).toBe(`${app.url}/jobs/api-backend-dev`);
    expect(oneJd.json.links.pdf).toBe(`${app.url}/jds/${jd.id}/jd.pdf`);
    // The address published before the download routes were renamed still leads to the file.
    const cookie = await loginCookie(app.url, USERS.admin.email, USERS.admin.password);
    const old = await fetch(`${app.url}/jds/${jd.id}/export/md?version=1`, { headers: { cookie }, redirect: "manual" });
    expect(old.status).toBe(302);
    expect(new URL(old.headers.get("location")!, app.url).pathname + new URL(old.headers.get("location")!, app.url).search).toBe(`/jds/${jd.id}/jd.md?version=1`);
    expect((await client.call("GET", "/job-descriptions?status=bogus", { token })).status).toBe(422);
    expect((await client.call("GET", "/job-descriptions/nope", { token })).status).toBe(404);

    const invite = await createInvite(db.prisma, { assessmentId, createdById: users.recruiter, startedAt: new Date() });
    const submission = await db.prisma.submission.create({
      data: {
        invitationId: invite.id,
        attempt: 1,
        status: "GRADED",
        archiveSha256: "0".repeat(64),
        archiveSize: 10,
        archivePath: "/nowhere.zip",
        seed: 1,
        overallScore: 0.625,
        competencyScores: { "api-design": { earned: 2, possible: 3, score: 0.666667 }, "problem-solving": { earned: 1, possible: 2, score: 0.5 } },
        finishedAt: new Date(),
        testResults: {
          create: [
            { testId: "a", title: "a", competencyId: "api-design", points: 1, earned: 1, visibility: "PUBLIC", outcome: "PASSED", durationMs: 1 },
            { testId: "b", title: "b", competencyId: "api-design", points: 2, earned: 1, visibility: "PUBLIC", outcome: "FAILED", durationMs: 1 },
            { testId: "c", title: "SECRET hidden", competencyId: "problem-solving", points: 1, earned: 1, visibility: "HIDDEN", outcome: "PASSED", durationMs: 1 },
            { testId: "d", title: "SECRET hidden 2", competencyId: "problem-solving", points: 1, earned: 0, visibility: "HIDDEN", outcome: "FAILED", durationMs: 1 },
          ],
        },
      },
    });
    const got = await client.call("GET", `/submissions/${submission.id}`, { token });
    expect(got.json).toMatchObject({ status: "graded", overallScore: 0.625, tests: { public: { total: 2, passed: 1 }, hidden: { total: 2, passed: 1 } }, reportUrl: `${app.url}/scorecards/${invite.id}` });
    expect(got.json.competencyScores).toEqual([
      { competencyId: "api-design", score: 0.666667, earned: 2, possible: 3 },
      { competencyId: "problem-solving", score: 0.5, earned: 1, possible: 2 },
    ]);
    expect(got.text).not.toContain("SECRET");
    const listed = await client.call("GET", `/submissions?invitationId=${invite.id}&status=graded`, { token });
    expect(listed.json.data.map((row: { id: string }) => row.id)).toEqual([submission.id]);
    expect((await client.call("GET", "/submissions/nope", { token })).status).toBe(404);

    const scorecard = await db.prisma.scorecard.create({ data: { invitationId: invite.id } });
    await db.prisma.review.create({
      data: { scorecardId: scorecard.id, reviewerId: users.manager, recommendation: "YES", notes: "Solid", submittedAt: new Date(), ratings: { create: [{ competencyId: "api-design", rating: "STRONG_YES", note: "clean" }] } },
    });
    await db.prisma.review.create({ data: { scorecardId: scorecard.id, reviewerId: users.admin, recommendation: "NO", notes: "DRAFT private" } });
    const card = await client.call("GET", `/scorecards/${invite.id}`, { token });
    expect(card.json.latestSubmission.id).toBe(submission.id);
    expect(card.json.countedSubmission.id).toBe(submission.id);
    // A later attempt that ended in our error never hides the graded one.
    const errored = await db.prisma.submission.create({
      data: { invitationId: invite.id, attempt: 2, status: "ERROR", archiveSha256: "1".repeat(64), archiveSize: 10, archivePath: "/nowhere-2.zip", seed: 2, failureReason: "engine down" },
    });
    const later = await client.call("GET", `/scorecards/${invite.id}`, { token });
    expect(later.json.latestSubmission.id).toBe(errored.id);
    expect(later.json.countedSubmission.id).toBe(submission.id);
    expect(card.json.reviews).toHaveLength(1);
    expect(card.json.reviews[0]).toMatchObject({ reviewerName: "manager", recommendation: "yes", ratings: [{ competencyId: "api-design", rating: "strong_yes", note: "clean" }] });
    expect(card.text).not.toContain("DRAFT private");
    expect((await client.call("GET", "/scorecards/nope", { token })).status).toBe(404);
  });

  it("manage webhook subscriptions and refuse private, loopback and link-local receivers", async () => {
    const token = await apiToken(["read", "webhooks:write"]);
    for (const url of ["https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://169.254.169.254/latest/meta-data", "https://[::1]/hook", "https://localhost/hook", "http://example.com/hook"]) {
      const refused = await client.call("POST", "/webhooks", { token, body: { url, events: ["submission.graded"] } });
      expect(refused.status, url).toBe(422);
    }
    expect(await db.prisma.webhookSubscription.count()).toBe(0);
    await db.prisma.webhookAllowedHost.create({ data: { host: "127.0.0.1" } });
    const created = await client.call("POST", "/webhooks", { token, body: { url: "http://127.0.0.1:9/hook", events: ["submission.graded", "invitation.created"], description: "ATS" } });
    expect(created.status).toBe(201);
    expect(created.json.secret).toMatch(/^whsec_/);
    const id = created.json.id;
    const fetched = await client.call("GET", `/webhooks/${id}`, { token });
    expect(fetched.json).not.toHaveProperty("secret");
    const patched = await client.call("PATCH", `/webhooks/${id}`, { token, body: { events: ["review.submitted"], enabled: false } });
    expect(patched.json).toMatchObject({ events: ["review.submitted"], enabled: false });
    expect((await client.call("PATCH", `/webhooks/${id}`, { token, body: { url: "https://192.168.1.1/x" } })).status).toBe(422);
    expect((await client.call("GET", "/webhooks", { token })).json.data).toHaveLength(1);
    expect((await client.call("GET", `/webhooks/${id}/deliveries`, { token })).json.data).toEqual([]);
    expect((await client.call("POST", `/webhooks/${id}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`, { token })).status).toBe(404);
    expect((await client.call("DELETE", `/webhooks/${id}`, { token })).status).toBe(204);
    expect((await client.call("DELETE", `/webhooks/${id}`, { token })).status).toBe(404);
    expect((await client.call("GET", `/webhooks/${id}`, { token })).status).toBe(404);
    await db.prisma.webhookAllowedHost.deleteMany();
  });

  it("serve the Greenhouse-style partner endpoints with the token as Basic user name", async () => {
    const token = await apiToken(["read", "invitations:write"]);
    const basic = { Authorization: `Basic ${Buffer.from(`${token}:`).toString("base64")}` };
    const tests = await client.call("GET", "/partner/greenhouse/list_tests", { headers: basic });
    expect(tests.json).toEqual(expect.arrayContaining([{ partner_test_id: assessmentId, partner_test_name: expect.any(String) }]));
    const sent = await client.call("POST", "/partner/greenhouse/send_test", {
      headers: basic,
      body: { partner_test_id: assessmentId, candidate: { first_name: "Grace", last_name: "Hopper", email: "grace@example.test", phone_number: "1" }, url: "https://ats.example/callback" },
    });
    expect(sent.status).toBe(200);
    expect(sent.json.candidate_url).toMatch(/\/c\/[A-Za-z0-9_-]{43}$/);
    const invitation = await db.prisma.invitation.findUniqueOrThrow({ where: { id: sent.json.partner_interview_id } });
    expect(invitation.candidateName).toBe("Grace Hopper");
    const status = await client.call("GET", `/partner/greenhouse/test_status?partner_interview_id=${invitation.id}`, { headers: basic });
    expect(status.json).toMatchObject({ partner_status: "pending", partner_score: null, partner_profile_url: `${app.url}/scorecards/${invitation.id}` });
    await db.prisma.submission.create({
      data: { invitationId: invitation.id, attempt: 1, status: "GRADED", archiveSha256: "0".repeat(64), archiveSize: 1, archivePath: "/x", seed: 1, overallScore: 0.8125, finishedAt: new Date() },
    });
    const done = await client.call("GET", `/partner/greenhouse/test_status?partner_interview_id=${invitation.id}`, { headers: basic });
    expect(done.json).toMatchObject({ partner_status: "complete", partner_score: 81.3 });
    expect((await client.call("GET", "/partner/greenhouse/test_status?partner_interview_id=nope", { headers: basic })).status).toBe(404);
    expect((await client.call("GET", "/partner/greenhouse/test_status", { headers: basic })).status).toBe(422);
  });
});

describe("errors", () => {
  it("are RFC 9457 problem documents", async () => {
    const token = await apiToken(["read", "invitations:write"]);
    const notFound = await client.call("GET", "/nothing-here", { token });
    expect(notFound.status).toBe(404);
    expect(notFound.json).toMatchObject({ type: expect.stringMatching(/^https:\/\//), title: "Not found", status: 404, instance: "/api/v1/nothing-here" });
    const method = await client.call("DELETE", "/assessments", { token });
    expect(method.status).toBe(405);
    expect(method.headers.get("allow")).toBe("GET");
    const badJson = await client.call("POST", "/invitations", { token, body: "{not json" });
    expect(badJson.status).toBe(400);
    const wrongType = await client.call("POST", "/invitations", { token, body: "candidateName=x", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(wrongType.status).toBe(415);
    const extra = await client.call("POST", "/invitations", { token, body: { candidateName: "A", candidateEmail: "a@example.test", assessmentId, admin: true } });
    expect(extra.status).toBe(422);
  });
});

describe("the API description", () => {
  it("is served as valid OpenAPI 3.1, rendered at /api/docs from our own assets under the nonce CSP, and every operation is exercised", async () => {
    const docs = await fetch(`${app.url}/api/docs`);
    expect(docs.status).toBe(200);
    const csp = docs.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    const html = await docs.text();
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
    for (const asset of ["swagger-ui.css", "swagger-ui-bundle.js"]) expect((await fetch(`${app.url}/api/docs/${asset}`)).status).toBe(200);
    expect((await fetch(`${app.url}/api/docs/package.json`)).status).toBe(404);

    const missing = client.operationIds().filter((id) => !client.reached.has(id));
    expect(missing).toEqual([]);
  });
});
