import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CANDIDATE_ERROR_MESSAGE } from "~/domain/invitations/grading-faults";
import { generateApiToken } from "~/lib/api/tokens.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { archiveForm, createInvite, FIXTURE_ASSESSMENTS_DIR, loginCookie, postMultipart, seedAssessment, seedUsers, tempDataDir, USERS, zipBytes } from "./candidate-fixtures";

// ERROR means grading failed on our side: the candidate never reads its internal cause, it uses up
// no attempt, it stops the candidate's clock until it is resolved, and an admin can regrade it.

const QUEUE_PREFIX = `grading-faults-test-${process.pid}`;
const INTERNAL_CAUSE = "grading failed on our side after 4 attempts: connect ENOENT /var/run/docker.sock";

let db: TestDatabase;
let app: AppServer;
let queue: Queue;
let assessmentId: string;
let users: Awaited<ReturnType<typeof seedUsers>>;

beforeAll(async () => {
  db = await createTestDatabase();
  users = await seedUsers(db.prisma);
  assessmentId = (await seedAssessment(db.prisma, { attemptLimit: 2, timeLimitMinutes: 60 })).id;
  const redisUrl = process.env.TEST_REDIS_URL!;
  app = await startAppServer({ DATABASE_URL: db.url, REDIS_URL: redisUrl, DATA_DIR: await tempDataDir(), ASSESSMENTS_DIR: FIXTURE_ASSESSMENTS_DIR, RUNNER_QUEUE_PREFIX: QUEUE_PREFIX });
  queue = new Queue("grading", { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix: QUEUE_PREFIX });
});

afterAll(async () => {
  await queue?.obliterate({ force: true });
  await queue?.close();
  await app?.stop();
  await db?.drop();
});

async function invite(startedAt = new Date()) {
  return createInvite(db.prisma, { assessmentId, createdById: users.recruiter, startedAt });
}

let attemptCounter = 0;
async function submission(invitationId: string, status: "QUEUED" | "GRADED" | "ERROR", attempt: number) {
  attemptCounter += 1;
  const row = await db.prisma.submission.create({
    data: { invitationId, attempt, status: "QUEUED", archiveSha256: "0".repeat(64), archiveSize: 10, archivePath: `/nonexistent/${attemptCounter}.zip`, seed: 1 },
  });
  // Through an update, as the worker does it, so the clock-pause trigger sees the transition.
  if (status !== "QUEUED") await db.prisma.submission.update({ where: { id: row.id }, data: { status, failureReason: status === "ERROR" ? INTERNAL_CAUSE : null, finishedAt: new Date() } });
  return row.id;
}

/** React separates adjacent text pieces with empty comments in server-rendered HTML. */
const visibleText = (html: string) => html.replaceAll("<!-- -->", "");

async function upload(token: string): Promise<Response> {
  return postMultipart(app.url, `/c/${token}`, archiveForm(await zipBytes({ "main.py": "print('hi')\n" }), "solution.zip"));
}

describe("the internal cause of an ERROR stays with staff", () => {
  it("is not in the status JSON, the submission page, its loader data or the landing page; the admin sees it", async () => {
    const { id: invitationId, token } = await invite();
    const id = await submission(invitationId, "ERROR", 1);

    const status = await fetch(`${app.url}/c/${token}/status?submission=${id}`);
    const statusText = await status.text();
    expect(status.status).toBe(200);
    expect(JSON.parse(statusText)).toMatchObject({ status: "ERROR", failureReason: CANDIDATE_ERROR_MESSAGE });
    expect(statusText).not.toMatch(/docker\.sock|ENOENT|after 4 attempts/);

    // The event stream of a finished submission sends its state and ends.
    const events = await fetch(`${app.url}/c/${token}/events?submission=${id}`);
    const stream = await events.text();
    expect(stream).toContain("event: done");
    expect(stream).not.toMatch(/docker\.sock|ENOENT|after 4 attempts/);

    for (const pathname of [`/c/${token}/submissions/${id}`, `/c/${token}/submissions/${id}.data`, `/c/${token}`, `/c/${token}.data`]) {
      const response = await fetch(`${app.url}${pathname}`);
      expect(response.status, pathname).toBe(200);
      expect(await response.text(), pathname).not.toMatch(/docker\.sock|ENOENT|after 4 attempts/);
    }
    expect(await (await fetch(`${app.url}/c/${token}/submissions/${id}`)).text()).toContain("It does not count as an attempt");

    const admin = await loginCookie(app.url, USERS.admin.email, USERS.admin.password);
    expect(await (await fetch(`${app.url}/admin/system`, { headers: { Cookie: admin } })).text()).toContain("/var/run/docker.sock");
  });
});

describe("an ERROR uses up no attempt", () => {
  it("lets a candidate whose two attempts (the limit) both ended ERROR upload again, but not one with two graded", async () => {
    const errored = await invite();
    await submission(errored.id, "ERROR", 1);
    await submission(errored.id, "ERROR", 2);
    const accepted = await upload(errored.token);
    expect(accepted.status, await accepted.clone().text()).toBe(302);
    const third = await db.prisma.submission.findFirstOrThrow({ where: { invitationId: errored.id, status: "QUEUED" } });
    expect(third.attempt).toBe(3);
    expect(await fetch(`${app.url}/c/${errored.token}`).then((r) => r.text())).toMatch(/Attempts left<\/dt>\s*<dd>1/);

    const graded = await invite();
    await submission(graded.id, "GRADED", 1);
    await submission(graded.id, "GRADED", 2);
    expect((await upload(graded.token)).status).toBe(403);

    const mixed = await invite();
    await submission(mixed.id, "GRADED", 1);
    await submission(mixed.id, "ERROR", 2);
    expect((await upload(mixed.token)).status).toBe(302);
  });

  it("is counted by neither the staff list nor the API: an invitation whose only upload ended ERROR is still started, no attempt used", async () => {
    const errored = await createInvite(db.prisma, { assessmentId, createdById: users.recruiter, startedAt: new Date(), name: "Erin Errored" });
    await submission(errored.id, "ERROR", 1);
    const graded = await createInvite(db.prisma, { assessmentId, createdById: users.recruiter, startedAt: new Date(), name: "Gale Graded" });
    await submission(graded.id, "GRADED", 1);

    const { token, tokenHash, prefix } = generateApiToken();
    await db.prisma.apiToken.create({ data: { name: "grading faults", prefix, tokenHash, scopes: ["read"], createdById: users.admin } });
    const api = async (pathname: string) => (await fetch(`${app.url}/api/v1${pathname}`, { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(await api(`/invitations/${errored.id}`)).toMatchObject({ status: "started", attemptsUsed: 0 });
    expect(await api(`/invitations/${graded.id}`)).toMatchObject({ status: "submitted", attemptsUsed: 1 });
    const submitted = ((await api("/invitations?status=submitted&limit=100")) as { data: { id: string }[] }).data.map((row) => row.id);
    expect(submitted).toContain(graded.id);
    expect(submitted).not.toContain(errored.id);

    const cookie = await loginCookie(app.url, USERS.recruiter.email, USERS.recruiter.password);
    const staffList = async (status: string) => visibleText(await (await fetch(`${app.url}/invitations?status=${status}`, { headers: { Cookie: cookie } })).text());
    expect(await staffList("submitted")).not.toContain("Erin Errored");
    const erinsRow = /<tr\b(?:(?!<\/tr>)[\s\S])*Erin Errored(?:(?!<\/tr>)[\s\S])*<\/tr>/.exec(await staffList("started"))?.[0];
    expect(erinsRow).toContain("<td>0</td>");
    expect(erinsRow).not.toContain("<td>1</td>");
  });
});

describe("an ERROR stops the candidate's clock until it is resolved", () => {
  it("records a pause when a submission enters ERROR and closes it when it leaves, whoever changes the status", async () => {
    const { id: invitationId } = await invite();
    const id = await submission(invitationId, "ERROR", 1);
    const open = await db.prisma.clockPause.findMany({ where: { submissionId: id } });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ invitationId, endedAt: null });
    await db.prisma.submission.update({ where: { id }, data: { failureReason: "still broken" } });
    expect(await db.prisma.clockPause.count({ where: { submissionId: id } })).toBe(1);
    await db.prisma.submission.update({ where: { id }, data: { status: "QUEUED" } });
    const closed = await db.prisma.clockPause.findFirstOrThrow({ where: { submissionId: id } });
    expect(closed.endedAt).not.toBeNull();
  });

  it("accepts an upload after the time limit when an ERROR paused the clock before it ran out, and refuses it without", async () => {
    const startedAt = new Date(Date.now() - 65 * 60_000);
    const paused = await invite(startedAt);
    const id = await submission(paused.id, "GRADED", 1);
    expect((await upload(paused.token)).status).toBe(403);

    // A second attempt failed on our side 20 minutes ago, 15 minutes before the hour was up, and is still in ERROR.
    const errored = await submission(paused.id, "ERROR", 2);
    await db.prisma.clockPause.updateMany({ where: { submissionId: errored }, data: { startedAt: new Date(Date.now() - 20 * 60_000) } });
    const landing = await fetch(`${app.url}/c/${paused.token}`).then((r) => r.text());
    expect(landing).not.toContain("The deadline has passed");
    expect((await upload(paused.token)).status).toBe(302);

    // Resolved after 10 minutes of pause: 15 minutes were left when it began, so 5 of them are gone by now.
    await db.prisma.submission.update({ where: { id: errored }, data: { status: "GRADED" } });
    await db.prisma.clockPause.updateMany({ where: { submissionId: errored }, data: { endedAt: new Date(Date.now() - 10 * 60_000) } });
    await db.prisma.submission.deleteMany({ where: { invitationId: paused.id, attempt: { gt: 2 } } });
    await db.prisma.submission.delete({ where: { id } });
    expect((await upload(paused.token)).status).toBe(302);
    await db.prisma.clockPause.updateMany({ where: { submissionId: errored }, data: { endedAt: new Date(Date.now() - 16 * 60_000) } });
    await db.prisma.submission.deleteMany({ where: { invitationId: paused.id, attempt: { gt: 2 } } });
    expect((await upload(paused.token)).status).toBe(403);
  });
});

describe("staff pages and the API read the same clock as the candidate", () => {
  it("an ERROR that paused the clock before the hour was up keeps the invitation started, not expired, everywhere", async () => {
    const startedAt = new Date(Date.now() - 65 * 60_000);
    const paused = await createInvite(db.prisma, { assessmentId, createdById: users.recruiter, startedAt, name: "Pia Paused" });
    const errored = await submission(paused.id, "ERROR", 1);
    await db.prisma.clockPause.updateMany({ where: { submissionId: errored }, data: { startedAt: new Date(Date.now() - 20 * 60_000) } });
    const lapsed = await createInvite(db.prisma, { assessmentId, createdById: users.recruiter, startedAt, name: "Lee Lapsed" });

    const { token, tokenHash, prefix } = generateApiToken();
    await db.prisma.apiToken.create({ data: { name: "paused clock", prefix, tokenHash, scopes: ["read"], createdById: users.admin } });
    const api = async (pathname: string) => (await fetch(`${app.url}/api/v1${pathname}`, { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(await api(`/invitations/${paused.id}`)).toMatchObject({ status: "started", attemptsUsed: 0 });
    expect(await api(`/invitations/${lapsed.id}`)).toMatchObject({ status: "expired" });

    const cookie = await loginCookie(app.url, USERS.recruiter.email, USERS.recruiter.password);
    const staffPage = async (pathname: string) => visibleText(await (await fetch(`${app.url}${pathname}`, { headers: { Cookie: cookie } })).text());
    expect(await staffPage("/invitations?status=started")).toContain("Pia Paused");
    const expired = await staffPage("/invitations?status=expired");
    expect(expired).not.toContain("Pia Paused");
    expect(expired).toContain("Lee Lapsed");
    // The candidate's clock ends an hour after the start plus the 20 paused minutes so far (and counting).
    const detail = await staffPage(`/invitations/${paused.id}`);
    const clockEnd = /clock ends (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC/.exec(detail)?.[1];
    expect(clockEnd, "the detail page names the end of the candidate's clock").toBeTruthy();
    expect(new Date(`${clockEnd}Z`).getTime()).toBeGreaterThanOrEqual(startedAt.getTime() + 80 * 60_000 - 60_000);
  });
});

describe("the admin's regrade", () => {
  const regrade = (cookie: string, fields: [string, string][]) =>
    fetch(`${app.url}/admin/system`, {
      method: "POST",
      body: new URLSearchParams([["intent", "regrade"], ...fields]),
      headers: { Cookie: cookie, Origin: app.url },
      redirect: "manual",
    });

  it("regrades one ERROR submission: QUEUED, progress cleared, a fresh job, an audit entry, the clock running again", async () => {
    const { id: invitationId } = await invite();
    const id = await submission(invitationId, "ERROR", 1);
    await db.prisma.submission.update({ where: { id }, data: { testsDone: 17, testsTotal: 45 } });
    // The failed job of the last attempt keeps its id in BullMQ's failed list; it must not swallow the regrade.
    const failing = new Worker("grading", async () => Promise.reject(new Error("engine down")), { connection: new Redis(process.env.TEST_REDIS_URL!, { maxRetriesPerRequest: null }), prefix: QUEUE_PREFIX });
    await queue.add("grade", { submissionId: id }, { jobId: id, attempts: 1 });
    const deadline = Date.now() + 30_000;
    while ((await (await queue.getJob(id))?.getState()) !== "failed") {
      if (Date.now() > deadline) throw new Error("the stale job did not fail");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await failing.close();

    const admin = await loginCookie(app.url, USERS.admin.email, USERS.admin.password);
    const response = await regrade(admin, [["only", id]]);
    expect(response.status).toBe(200);
    expect(visibleText(await response.text())).toContain("Regrading 1 submission.");

    const row = await db.prisma.submission.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "QUEUED", failureReason: null, testsDone: null, testsTotal: null, finishedAt: null });
    expect(await (await queue.getJob(id))?.getState()).toBe("waiting");
    const entries = await db.prisma.auditLog.findMany({ where: { action: "submission.regrade", entityId: id } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: users.admin, entityType: "Submission" });
    expect(entries[0].data).toMatchObject({ invitationId, attempt: 1, reason: INTERNAL_CAUSE });
    expect((await db.prisma.clockPause.findFirstOrThrow({ where: { submissionId: id } })).endedAt).not.toBeNull();
  });

  it("regrades in bulk (selected, or all), skips what is not in ERROR, and is refused to non-admins", async () => {
    await db.prisma.submission.updateMany({ where: { status: "ERROR" }, data: { status: "FAILED" } });
    const { id: invitationId } = await invite();
    const [a, b, c] = [await submission(invitationId, "ERROR", 1), await submission(invitationId, "ERROR", 2), await submission(invitationId, "ERROR", 3)];
    const graded = await submission(invitationId, "GRADED", 4);

    const recruiter = await loginCookie(app.url, USERS.recruiter.email, USERS.recruiter.password);
    expect((await regrade(recruiter, [["submissionId", a]])).status).toBe(403);
    expect((await db.prisma.submission.findUniqueOrThrow({ where: { id: a } })).status).toBe("ERROR");

    const admin = await loginCookie(app.url, USERS.admin.email, USERS.admin.password);
    const selected = await regrade(admin, [["submissionId", a], ["submissionId", graded]]);
    expect(visibleText(await selected.text())).toContain("Regrading 1 submission (1 skipped: no longer in ERROR or still in the queue).");
    expect((await db.prisma.submission.findUniqueOrThrow({ where: { id: graded } })).status).toBe("GRADED");

    const all = await regrade(admin, [["all", "1"]]);
    expect(visibleText(await all.text())).toContain("Regrading 2 submissions.");
    const rows = await db.prisma.submission.findMany({ where: { id: { in: [a, b, c] } }, select: { status: true } });
    expect(rows.map((row) => row.status)).toEqual(["QUEUED", "QUEUED", "QUEUED"]);
    expect(await db.prisma.auditLog.count({ where: { action: "submission.regrade", entityId: { in: [a, b, c] } } })).toBe(3);

    expect((await regrade(admin, [])).status).toBe(400);
    expect((await regrade(admin, [["submissionId", "not-a-uuid"]])).status).toBe(400);
  });
});
