import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { HttpSession } from "../support/http-session";
import { loginCookie, postMultipart, seedAssessment, seedUsers, tempDataDir, USERS, FIXTURE_ASSESSMENTS_DIR } from "./candidate-fixtures";

let db: TestDatabase;
let app: AppServer;
let assessmentId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.prisma);
  assessmentId = (await seedAssessment(db.prisma)).id;
  app = await startAppServer({ DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL!, DATA_DIR: await tempDataDir(), ASSESSMENTS_DIR: FIXTURE_ASSESSMENTS_DIR });
});

afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

async function recruiter(): Promise<HttpSession> {
  const session = new HttpSession(app.url);
  expect((await session.login(USERS.recruiter.email, USERS.recruiter.password)).status).toBe(302);
  return session;
}

function linksIn(html: string): string[] {
  return [...new Set([...html.matchAll(/\/c\/([A-Za-z0-9_-]{43})/g)].map((m) => m[1]))];
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function csvForm(content: string | Uint8Array, filename = "candidates.csv", type = "text/csv"): FormData {
  const form = new FormData();
  form.set("file", new Blob([typeof content === "string" ? content : new Uint8Array(content)], { type }), filename);
  form.set("assessmentId", assessmentId);
  form.set("jobDescriptionId", "");
  form.set("deadline", future(10));
  return form;
}

describe("inviting one candidate", () => {
  it("creates the invitation with only the token's hash, shows the link once, queues the email and audits", async () => {
    const session = await recruiter();
    const response = await session.post("/invitations/new", { candidateName: "Ada Lovelace", candidateEmail: "Ada@Example.test", assessmentId, jobDescriptionId: "", deadline: future(5) });
    expect(response.status).toBe(200);
    const html = await response.text();
    const [token] = linksIn(html);
    expect(token).toBeTruthy();
    expect(Buffer.from(token, "base64url").length).toBe(32);
    expect(html).toContain("shown only once");

    const invitation = await db.prisma.invitation.findFirstOrThrow({ where: { candidateEmail: "ada@example.test" } });
    expect(invitation.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(invitation)).not.toContain(token);
    const outbox = await db.prisma.outboxEmail.findMany({ where: { invitationId: invitation.id } });
    expect(outbox).toHaveLength(1);
    expect(outbox[0].body).toContain(`${app.url}/c/${token}`);
    expect(outbox[0].sentAt).toBeNull();
    expect(await db.prisma.auditLog.count({ where: { entityId: invitation.id, action: "invitation.create" } })).toBe(1);

    expect((await fetch(`${app.url}/c/${token}`)).status).toBe(200);
    const outboxPage = await (await session.get("/invitations/outbox")).text();
    expect(outboxPage).toContain("Your take-home assessment");
    expect(outboxPage).toContain("ada@example.test");
  });

  it("refuses bad input with field errors and creates nothing", async () => {
    const session = await recruiter();
    const before = await db.prisma.invitation.count();
    const response = await session.post("/invitations/new", { candidateName: "", candidateEmail: "nope", assessmentId, deadline: "2000-01-01" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Enter the candidate&#x27;s name");
    expect(html).toContain("Enter a valid email address");
    expect(html).toContain("The deadline must be in the future");
    const unknown = await session.post("/invitations/new", { candidateName: "X", candidateEmail: "x@example.test", assessmentId: "no-such", deadline: future(3) });
    expect(unknown.status).toBe(409);
    expect(await db.prisma.invitation.count()).toBe(before);
  });

  it("sends anonymous visitors to the login page", async () => {
    const response = await fetch(`${app.url}/invitations`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login\?redirectTo=%2Finvitations/);
  });
});

describe("inviting from CSV", () => {
  it("creates the valid rows and reports the bad ones by line", async () => {
    const cookie = await loginCookie(app.url, USERS.recruiter.email, USERS.recruiter.password);
    const csv = ["name,email,deadline", `Grace Hopper,grace@example.test,${future(20)}`, "No Mail,,", "Alan Turing,alan@example.test,", "Bad Date,bad@example.test,someday"].join("\n");
    const response = await postMultipart(app.url, "/invitations/import", csvForm(csv), cookie);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(linksIn(html)).toHaveLength(2);
    expect(html).toContain("2 rows were skipped");
    expect(html).toMatch(/Line 3: .*is not a valid email address/);
    expect(html).toMatch(/Line 5: the deadline .*someday/);
    const created = await db.prisma.invitation.findMany({ where: { candidateEmail: { in: ["grace@example.test", "alan@example.test"] } }, orderBy: { candidateEmail: "asc" } });
    expect(created.map((row) => row.candidateEmail)).toEqual(["alan@example.test", "grace@example.test"]);
    expect(created[1].deadline.toISOString().slice(0, 10)).toBe(future(20));
    expect(created[0].deadline.toISOString().slice(0, 10)).toBe(future(10));
    expect(await db.prisma.auditLog.count({ where: { action: "invitation.create", entityId: { in: created.map((c) => c.id) } } })).toBe(2);
  });

  it("creates nothing when the file itself is bad", async () => {
    const cookie = await loginCookie(app.url, USERS.recruiter.email, USERS.recruiter.password);
    const before = await db.prisma.invitation.count();
    const missingColumn = await postMultipart(app.url, "/invitations/import", csvForm("name,mail\nA,a@example.test\n"), cookie);
    expect(missingColumn.status).toBe(400);
    expect(await missingColumn.text()).toContain("missing: email");
    const notCsv = await postMultipart(app.url, "/invitations/import", csvForm(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0]), "people.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), cookie);
    expect(notCsv.status).toBe(400);
    expect(await notCsv.text()).toContain("is not a CSV file");
    const binary = await postMultipart(app.url, "/invitations/import", csvForm(new Uint8Array([0x6e, 0x61, 0, 0xff, 0xfe])), cookie);
    expect(binary.status).toBe(400);
    const huge = await postMultipart(app.url, "/invitations/import", csvForm(`name,email\n${"A,a@example.test\n".repeat(40_000)}`), cookie);
    expect(huge.status).toBe(413);
    expect(await db.prisma.invitation.count()).toBe(before);
  });
});

describe("managing an invitation", () => {
  async function inviteOne(session: HttpSession, email: string): Promise<{ id: string; token: string }> {
    const html = await (await session.post("/invitations/new", { candidateName: "Managed", candidateEmail: email, assessmentId, deadline: future(3) })).text();
    const [token] = linksIn(html);
    const row = await db.prisma.invitation.findFirstOrThrow({ where: { candidateEmail: email } });
    return { id: row.id, token };
  }

  it("extends the deadline, refusing one that is not later", async () => {
    const session = await recruiter();
    const { id } = await inviteOne(session, "extend@example.test");
    expect((await session.post(`/invitations/${id}`, { intent: "extend", deadline: future(30) })).status).toBe(200);
    expect((await db.prisma.invitation.findUniqueOrThrow({ where: { id } })).deadline.toISOString().slice(0, 10)).toBe(future(30));
    const earlier = await session.post(`/invitations/${id}`, { intent: "extend", deadline: future(2) });
    expect(earlier.status).toBe(409);
    expect(await earlier.text()).toContain("must be later than the current one");
    expect(await db.prisma.auditLog.count({ where: { entityId: id, action: "invitation.extend" } })).toBe(1);
  });

  it("resends by rotating the link: the old link dies, the new one works", async () => {
    const session = await recruiter();
    const { id, token } = await inviteOne(session, "resend@example.test");
    const response = await session.post(`/invitations/${id}`, { intent: "resend" });
    expect(response.status).toBe(200);
    const [fresh] = linksIn(await response.text());
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(token);
    expect((await fetch(`${app.url}/c/${token}`)).status).toBe(404);
    expect((await fetch(`${app.url}/c/${fresh}`)).status).toBe(200);
    expect(await db.prisma.outboxEmail.count({ where: { invitationId: id } })).toBe(2);
    expect(await db.prisma.auditLog.count({ where: { entityId: id, action: "invitation.resend" } })).toBe(1);
  });

  it("revokes: the link answers 410 and uploads are refused", async () => {
    const session = await recruiter();
    const { id, token } = await inviteOne(session, "revoke@example.test");
    expect((await session.post(`/invitations/${id}`, { intent: "revoke" })).status).toBe(200);
    const landing = await fetch(`${app.url}/c/${token}`);
    expect(landing.status).toBe(410);
    expect(await landing.text()).toContain("withdrawn");
    const upload = await fetch(`${app.url}/c/${token}`, { method: "POST", headers: { Origin: app.url }, body: new URLSearchParams({ intent: "start" }) });
    expect(upload.status).toBe(410);
    expect((await db.prisma.invitation.findUniqueOrThrow({ where: { id } })).startedAt).toBeNull();
    expect(await db.prisma.auditLog.count({ where: { entityId: id, action: "invitation.revoke" } })).toBe(1);
  });

  it("lists and filters invitations by status and assessment", async () => {
    const session = await recruiter();
    const revoked = await (await session.get(`/invitations?status=revoked&assessment=${assessmentId}`)).text();
    expect(revoked).toContain("revoke@example.test");
    expect(revoked).not.toContain("extend@example.test");
    const invited = await (await session.get("/invitations?status=invited")).text();
    expect(invited).toContain("extend@example.test");
    expect(invited).not.toContain("revoke@example.test");
    const other = await (await session.get("/invitations?assessment=other-assessment")).text();
    expect(other).toContain("0 invitations");
  });

  it("lets only roles with feedback:release release feedback", async () => {
    const session = await recruiter();
    const { id } = await inviteOne(session, "feedback@example.test");
    const manager = new HttpSession(app.url);
    await manager.login(USERS.manager.email, USERS.manager.password);
    expect((await manager.post(`/invitations/${id}`, { intent: "release-feedback" })).status).toBe(403);
    const early = await session.post(`/invitations/${id}`, { intent: "release-feedback" });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain("no graded submission");
    expect((await db.prisma.invitation.findUniqueOrThrow({ where: { id } })).feedbackReleasedAt).toBeNull();
  });
});
