import { randomBytes } from "node:crypto";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { HttpSession } from "../support/http-session";
import { archiveForm, createInvite, FIXTURE_ASSESSMENTS_DIR, loginCookie, postMultipart, seedAssessment, seedUsers, tempDataDir, USERS, zipBytes } from "./candidate-fixtures";

// Issue 9: each item against the real app server, with the request that used to get through.

const QUEUE_PREFIX = `hardening-test-${process.pid}`;
const BODY_MAX_BYTES = 64 * 1024;
const UPLOAD_MAX_BYTES = 256 * 1024;
const PACKAGE_JSON = JSON.stringify({ name: "solution", scripts: { start: "node server.js" } });

let db: TestDatabase;
let app: AppServer;
let queue: Queue;
let ids: Awaited<ReturnType<typeof seedUsers>>;
let assessmentId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  ids = await seedUsers(db.prisma);
  assessmentId = (await seedAssessment(db.prisma)).id;
  const redisUrl = process.env.TEST_REDIS_URL!;
  app = await startAppServer({
    DATABASE_URL: db.url,
    REDIS_URL: redisUrl,
    DATA_DIR: await tempDataDir(),
    ASSESSMENTS_DIR: FIXTURE_ASSESSMENTS_DIR,
    BODY_MAX_BYTES: String(BODY_MAX_BYTES),
    UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES),
    RUNNER_QUEUE_PREFIX: QUEUE_PREFIX,
  });
  queue = new Queue("grading", { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix: QUEUE_PREFIX });
});

afterAll(async () => {
  await queue?.obliterate({ force: true });
  await queue?.close();
  await app?.stop();
  await db?.drop();
});

async function signedIn(user: keyof typeof USERS): Promise<HttpSession> {
  const session = new HttpSession(app.url);
  const response = await session.login(USERS[user].email, USERS[user].password);
  expect(response.status).toBe(302);
  return session;
}

function send(pathname: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string>; cookie?: string }): Promise<Response> {
  return fetch(`${app.url}${pathname}`, {
    method: init.method ?? "POST",
    body: init.body,
    headers: { Origin: app.url, ...(init.cookie ? { Cookie: init.cookie } : {}), ...init.headers },
    redirect: "manual",
    ...(init.body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

/** A request body sent chunked (no Content-Length), `total` bytes of "a=" + filler. */
function chunkedBody(total: number): ReadableStream<Uint8Array> {
  let sent = 0;
  const chunk = new TextEncoder().encode("a".repeat(16 * 1024));
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      controller.enqueue(sent === 0 ? new TextEncoder().encode("x=") : chunk);
      sent += sent === 0 ? 2 : chunk.byteLength;
    },
  });
}

function logsSince(mark: number): string {
  return app.logs().slice(mark);
}

describe("1. redirect after login stays on this site", () => {
  const hostile = [
    "/\t/evil.example/",
    "/%09%5Cevil.example/",
    "/%5C%5Cevil.example/",
    "/\\evil.example/",
    "/x\r\nSet-Cookie: planted=1",
    "/x\u2028y",
    "/ /evil.example/",
    "https://evil.example/",
    "/.//evil.example",
    "/%2e//evil.example/x",
    "/a/..//evil.example/x",
    "/%2E%2E//evil.example",
  ];

  it.each(hostile)("sends %j to the dashboard, with one session and no error", async (target) => {
    const before = await db.prisma.session.count({ where: { userId: ids.manager } });
    const session = new HttpSession(app.url);
    const response = await session.post("/login", { email: USERS.manager.email, password: USERS.manager.password, redirectTo: target });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/dashboard");
    expect(response.headers.getSetCookie().some((line) => line.startsWith("planted="))).toBe(false);
    expect(await db.prisma.session.count({ where: { userId: ids.manager } })).toBe(before + 1);
  });

  it("keeps a same-site target with its query", async () => {
    const response = await new HttpSession(app.url).post("/login", {
      email: USERS.manager.email,
      password: USERS.manager.password,
      redirectTo: "/submissions?status=GRADED&q=a%20b",
    });
    expect(response.headers.get("location")).toBe("/submissions?status=GRADED&q=a%20b");
  });
});

describe("2. one body size limit, and the session before the body", () => {
  it("refuses an oversized body by its Content-Length with 413", async () => {
    const response = await send("/login", { body: new URLSearchParams({ email: "a@b.c", password: "x".repeat(BODY_MAX_BYTES * 2) }) });
    expect(response.status).toBe(413);
  });

  it("counts a chunked body and refuses it with 413 once it passes the limit", async () => {
    const response = await send("/login", { body: chunkedBody(BODY_MAX_BYTES * 4), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(response.status).toBe(413);
  });

  it("still accepts a chunked form within the limit", async () => {
    const body = new Blob([new URLSearchParams({ email: USERS.admin.email, password: USERS.admin.password }).toString()]).stream();
    const response = await send("/login", { body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/dashboard");
  });

  it("keeps the upload route's own, larger limit", async () => {
    const invite = await createInvite(db.prisma, { assessmentId, createdById: ids.recruiter, startedAt: new Date() });
    const padding = randomBytes(BODY_MAX_BYTES * 2).toString("base64");
    const bytes = await zipBytes({ "server.js": `// ${padding}\nrequire("http").createServer((q, s) => s.end("ok")).listen(3000);\n`, "package.json": PACKAGE_JSON });
    expect(bytes.byteLength).toBeGreaterThan(BODY_MAX_BYTES);
    const response = await postMultipart(app.url, `/c/${invite.token}`, archiveForm(bytes, "solution.zip"));
    expect(response.status).toBe(302);
    expect(await db.prisma.submission.count({ where: { invitationId: invite.id } })).toBe(1);
  });

  it("takes a multipart type in any letter case as an upload, never as a form read whole past the limit", async () => {
    const invite = await createInvite(db.prisma, { assessmentId, createdById: ids.recruiter, startedAt: new Date() });
    const padding = randomBytes(BODY_MAX_BYTES * 2).toString("base64");
    const bytes = await zipBytes({ "server.js": `// ${padding}\nrequire("http").createServer((q, s) => s.end("ok")).listen(3000);\n`, "package.json": PACKAGE_JSON });
    const boundary = "MixedCaseBoundary";
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="archive"; filename="solution.zip"\r\nContent-Type: application/zip\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    expect(body.byteLength).toBeGreaterThan(BODY_MAX_BYTES);
    const response = await send(`/c/${invite.token}`, { body, headers: { "Content-Type": `Multipart/Form-Data; boundary=${boundary}` } });
    expect(response.status).toBe(302);
    expect(await db.prisma.submission.count({ where: { invitationId: invite.id } })).toBe(1);
  });

  it("answers an oversized API body with a problem document", async () => {
    const response = await send("/api/v1/invitations", { body: JSON.stringify({ candidateName: "x".repeat(BODY_MAX_BYTES * 2) }), headers: { "Content-Type": "application/json" } });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 413, title: "Payload too large" });
  });

  it.each(["/invitations/00000000-0000-4000-8000-000000000000", "/jds/00000000-0000-4000-8000-000000000000", "/admin/users", "/scorecards/00000000-0000-4000-8000-000000000000"])(
    "sends an anonymous POST to %s to the login page without reading its body",
    async (pathname) => {
      const response = await send(pathname, { body: '{"intent":"revoke"}', headers: { "Content-Type": "application/json" } });
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    },
  );
});

describe("3. bodies that are not forms get a 4xx page and one log line", () => {
  const cases: [string, string | undefined, BodyInit, number][] = [
    ["JSON", "application/json", '{"intent":"create"}', 415],
    ["multipart without a boundary", "multipart/form-data", "--x\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--x--\r\n", 400],
    ["multipart with a broken boundary", "multipart/form-data; boundary=zzz", "--x\r\nnot a part", 400],
    ["no content type", undefined, "intent=create", 415],
  ];

  it.each(cases)("answers %s on /admin/users with a 4xx and no stack trace", async (_label, type, body, status) => {
    const cookie = await loginCookie(app.url, USERS.admin.email, USERS.admin.password);
    const mark = app.logs().length;
    const bad = await send("/admin/users", { body, headers: type ? { "Content-Type": type } : {}, cookie });
    expect(bad.status).toBe(status);
    expect(bad.headers.get("content-type")).toMatch(/text\/html/);
    const html = await bad.text();
    expect(html).toContain(`<h1>${status}`);
    expect(html).not.toMatch(/\n\s+at /);
    const logged = logsSince(mark);
    expect(logged).not.toMatch(/\n\s+at /);
    expect(logged).toContain(`POST /admin/users → ${status}`);
  });

  it("answers a JSON body to the candidate page with 415, not 500", async () => {
    const invite = await createInvite(db.prisma, { assessmentId, createdById: ids.recruiter });
    const response = await send(`/c/${invite.token}`, { body: '{"intent":"start"}', headers: { "Content-Type": "application/json" } });
    expect(response.status).toBe(415);
  });
});

describe("4. control characters never reach PostgreSQL", () => {
  it("strips NUL from a user's name", async () => {
    const session = await signedIn("admin");
    const response = await session.post("/admin/users", { intent: "create", name: "Nul\u0000 Person\u0007", email: "nul@example.test", role: "RECRUITER", password: "" });
    expect(response.status).toBe(200);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { email: "nul@example.test" } })).name).toBe("Nul Person");
  });

  it("strips NUL from an invited candidate's name", async () => {
    const session = await signedIn("recruiter");
    const deadline = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const response = await session.post("/invitations/new", { candidateName: "Zero\u0000 Byte", candidateEmail: "zero@example.test", assessmentId, deadline });
    expect(response.status).toBeLessThan(500);
    const row = await db.prisma.invitation.findFirstOrThrow({ where: { candidateEmail: "zero@example.test" } });
    expect(row.candidateName).toBe("Zero Byte");
  });

  it.each(["/submissions", "/submissions.csv", "/invitations", "/catalog"])("answers a NUL in the filters of %s with 400, not a 500", async (pathname) => {
    const session = await signedIn("admin");
    const response = await session.get(`${pathname}?assessment=%00&q=%00x&category=%00`);
    expect(response.status).toBe(400);
  });

  const addresses = [
    "/invitations/%00",
    "/jds/%00/history",
    "/catalog/items/%00",
    "/admin/webhooks/%00",
    "/jds/%E0%A4%A",
    "/api/v1/invitations/%00",
    "/api/v1/invitations/%E0%A4%A",
    "/api/v1/invitations?email=%00",
  ];
  it.each(addresses)("answers %s with 400 and one log line, never a stack trace", async (pathname) => {
    const session = await signedIn("admin");
    const mark = app.logs().length;
    const response = await session.get(pathname);
    expect(response.status).toBe(400);
    const text = await response.text();
    if (pathname.startsWith("/api/")) expect(JSON.parse(text)).toMatchObject({ status: 400, title: "Bad request" });
    else expect(text).toContain("Refused: the address is not valid");
    expect(logsSince(mark)).not.toMatch(/\n\s+at |URIError|22021/);
  });

  it("strips NUL from every form field, even one without its own rule (an API token's name)", async () => {
    const session = await signedIn("admin");
    const response = await session.post("/admin/api-tokens", { intent: "create", name: "Nul\u0000 token", scopes: "read", expiresInDays: "30" });
    expect(response.status).toBeLessThan(500);
    expect(await db.prisma.apiToken.count({ where: { name: "Nul token" } })).toBe(1);
  });

  it("refuses a NUL in an API body with a problem document", async () => {
    const { generateApiToken } = await import("~/lib/api/tokens.server");
    const { token, tokenHash, prefix } = generateApiToken();
    await db.prisma.apiToken.create({ data: { name: "nul test", prefix, tokenHash, scopes: ["read", "invitations:write"], createdById: ids.admin } });
    const response = await fetch(`${app.url}/api/v1/invitations`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ candidateName: "Zero\u0000 Byte", candidateEmail: "nul-api@example.test", assessmentId, deadline: new Date(Date.now() + 3 * 86_400_000).toISOString() }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 400, detail: expect.stringContaining("NUL") });
    expect(await db.prisma.invitation.count({ where: { candidateEmail: "nul-api@example.test" } })).toBe(0);
  });

  it("strips control characters from an uploaded archive's file name", async () => {
    const invite = await createInvite(db.prisma, { assessmentId, createdById: ids.recruiter, startedAt: new Date() });
    const bytes = await zipBytes({ "server.js": 'require("http").createServer((q, s) => s.end("ok")).listen(3000);\n', "package.json": PACKAGE_JSON });
    const boundary = "hardeningboundary";
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="archive"; filename="sol\u0000ution\u0001.zip"\r\nContent-Type: application/zip\r\n\r\n`, "latin1"),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await send(`/c/${invite.token}`, { body, headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` } });
    expect(response.status).toBe(302);
    const submission = await db.prisma.submission.findFirstOrThrow({ where: { invitationId: invite.id } });
    const entry = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "candidate.upload", entityId: submission.id } });
    expect((entry.data as { name: string }).name).toBe("solution.zip");
  });
});

describe("5. candidate endpoints answer unknown and withdrawn links properly", () => {
  const endpoints: [string, RegExp][] = [
    ["starter", /text\/plain/],
    ["status", /application\/json/],
    ["events", /application\/json/],
    ["feedback.pdf", /text\/plain/],
  ];

  it.each(endpoints)("/c/<token>/%s", async (endpoint, type) => {
    const revoked = await createInvite(db.prisma, { assessmentId, createdById: ids.recruiter, revokedAt: new Date() });
    const mark = app.logs().length;
    for (const [token, status] of [["not-a-real-token-aaaaaaaaaaaaaaaaaaaaaa", 404], [revoked.token, 410]] as const) {
      const response = await fetch(`${app.url}/c/${token}/${endpoint}`);
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toMatch(type);
      const body = await response.text();
      expect(body).not.toContain("Unexpected Server Error");
      expect(body).toMatch(status === 404 ? /link is not valid/ : /withdrawn/);
    }
    expect(logsSince(mark)).not.toMatch(/ErrorResponseImpl|Error:/);
  });
});

describe("7. session lifetime, caching and the referrer policy", () => {
  it("gives the session cookie a 30-day Max-Age and never extends the session", async () => {
    const session = new HttpSession(app.url);
    const login = await session.login(USERS.recruiter.email, USERS.recruiter.password);
    const cookie = login.headers.getSetCookie().find((line) => line.startsWith("hirekit_session="))!;
    expect(cookie).toMatch(/Max-Age=2592000(;|$)/i);

    // Twenty days in, past lucia's half-life where it would renew a sliding session.
    const row = await db.prisma.session.findFirstOrThrow({ where: { userId: ids.recruiter }, orderBy: { createdAt: "desc" } });
    const expiresAt = new Date(Date.now() + 10 * 86_400_000);
    await db.prisma.session.update({ where: { id: row.id }, data: { createdAt: new Date(Date.now() - 20 * 86_400_000), expiresAt } });
    const page = await session.get("/dashboard");
    expect(page.status).toBe(200);
    expect(page.headers.getSetCookie().filter((line) => line.startsWith("hirekit_session="))).toEqual([]);
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id: row.id } })).expiresAt).toEqual(expiresAt);

    await db.prisma.session.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await session.get("/dashboard");
    expect(expired.status).toBe(302);
    expect(expired.headers.get("location")).toMatch(/^\/login/);
  });

  it("marks signed-in pages no-store", async () => {
    const session = await signedIn("admin");
    for (const pathname of ["/dashboard", "/admin/users", "/catalog", "/invitations", "/submissions", "/jobs"]) {
      const response = await session.get(pathname);
      expect(response.status, pathname).toBe(200);
      expect(response.headers.get("cache-control"), pathname).toBe("no-store");
    }
  });

  it("marks candidate pages no-store with exactly one Referrer-Policy", async () => {
    const invite = await createInvite(db.prisma, { assessmentId, createdById: ids.recruiter });
    for (const pathname of [`/c/${invite.token}`, `/c/${invite.token}/status?submission=x`, "/c/not-a-real-token-aaaaaaaaaaaaaaaaaaaaaa"]) {
      const response = await fetch(`${app.url}${pathname}`);
      expect(response.headers.get("cache-control"), pathname).toBe("no-store");
      expect(response.headers.get("referrer-policy"), pathname).toBe("no-referrer");
    }
    const login = await fetch(`${app.url}/login`);
    expect(login.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });
});
