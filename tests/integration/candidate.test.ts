import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { HttpSession } from "../support/http-session";
import { archiveForm, createInvite, FIXTURE_ASSESSMENTS_DIR, postMultipart, seedAssessment, seedUsers, tempDataDir, USERS, zipBytes } from "./candidate-fixtures";

const UPLOAD_MAX_BYTES = 64 * 1024;
// A prefix of our own, so no other suite's worker takes (and fails) the jobs this file checks.
const QUEUE_PREFIX = `candidate-test-${process.pid}`;

let db: TestDatabase;
let app: AppServer;
let dataDir: string;
let redis: Redis;
let queue: Queue;
let assessmentId: string;
let recruiterId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  recruiterId = (await seedUsers(db.prisma)).recruiter;
  assessmentId = (await seedAssessment(db.prisma)).id;
  dataDir = await tempDataDir();
  const redisUrl = process.env.TEST_REDIS_URL!;
  app = await startAppServer({ DATABASE_URL: db.url, REDIS_URL: redisUrl, DATA_DIR: dataDir, ASSESSMENTS_DIR: FIXTURE_ASSESSMENTS_DIR, UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES), RUNNER_QUEUE_PREFIX: QUEUE_PREFIX });
  redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  queue = new Queue("grading", { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix: QUEUE_PREFIX });
});

afterAll(async () => {
  await queue?.obliterate({ force: true });
  await queue?.close();
  redis?.disconnect();
  await app?.stop();
  await db?.drop();
});

const post = (pathname: string, form: Record<string, string>) =>
  fetch(`${app.url}${pathname}`, { method: "POST", body: new URLSearchParams(form), headers: { Origin: app.url }, redirect: "manual" });

async function startedInvite(overrides: { startedAt?: Date; deadline?: Date } = {}) {
  return createInvite(db.prisma, { assessmentId, createdById: recruiterId, startedAt: overrides.startedAt ?? new Date(), deadline: overrides.deadline });
}

function zipEntries(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(entries));
      zip.readEntry();
    });
  });
}

async function gradedSubmission(invitationId: string, attempt = 1) {
  return db.prisma.submission.create({
    data: {
      invitationId,
      attempt,
      status: "GRADED",
      archiveSha256: "0".repeat(64),
      archiveSize: 10,
      archivePath: "/nowhere.zip",
      seed: 7,
      overallScore: 0.5,
      testsDone: 4,
      testsTotal: 4,
      finishedAt: new Date(),
      testResults: {
        create: [
          { testId: "health", title: "GET /health answers ok", competencyId: "api-design", points: 1, visibility: "PUBLIC", outcome: "PASSED", durationMs: 5 },
          {
            testId: "create-item",
            title: "POST /items creates an item",
            competencyId: "api-design",
            points: 2,
            visibility: "PUBLIC",
            outcome: "FAILED",
            message: "expected status 201, got 500",
            durationMs: 9,
            evidence: [{ request: { method: "POST", url: "http://127.0.0.1:3000/items?x=1", headers: { "content-type": "application/json" }, body: '{"name":"it\'s"}' }, response: { status: 500, headers: {}, body: "" } }],
          },
          { testId: "read-item", title: "SECRET hidden title", competencyId: "problem-solving", points: 2, visibility: "HIDDEN", outcome: "FAILED", message: "SECRET hidden message", durationMs: 3 },
          { testId: "missing-item", title: "SECRET other hidden", competencyId: "problem-solving", points: 1, visibility: "HIDDEN", outcome: "PASSED", durationMs: 3 },
        ],
      },
    },
  });
}

describe("the landing page", () => {
  it("shows the brief with raw HTML and script links neutralised, the contract, limits and attempts left", async () => {
    const { token } = await createInvite(db.prisma, { assessmentId, createdById: recruiterId });
    const response = await fetch(`${app.url}/c/${token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain("<strong>JSON</strong>");
    expect(html).not.toContain("<script>window.__pwned");
    expect(html).not.toMatch(/<img[^>]*onerror/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain("&#60;script&#62;window.__pwned = 1&#60;/script&#62;");
    expect(html).toContain('class="path">/items</span>');
    expect(html).toMatch(/Attempts left<\/dt><dd>3<!-- --> of <!-- -->3/);
    expect(html).toContain("Start the assessment");
  });

  it("answers 404 for unknown or malformed links", async () => {
    expect((await fetch(`${app.url}/c/${"A".repeat(43)}`)).status).toBe(404);
    expect((await fetch(`${app.url}/c/short`)).status).toBe(404);
  });
});

describe("the starter download", () => {
  it("is a zip with the public-tests prober as check.mjs and no hidden test", async () => {
    const { token } = await createInvite(db.prisma, { assessmentId, createdById: recruiterId });
    const response = await fetch(`${app.url}/c/${token}/starter`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    const entries = await zipEntries(Buffer.from(await response.arrayBuffer()));
    const check = entries.get("assessment/check.mjs")?.toString("utf8") ?? "";
    expect(check).toContain("create-item");
    expect(check).not.toContain("read-item");
    expect(entries.has("assessment/CHECK.md")).toBe(true);
    expect(readdirSync(path.join(dataDir, "cache", "prober"))).toHaveLength(1);
  });
});

describe("starting and uploading", () => {
  it("refuses an upload before the start, then starts the clock once", async () => {
    const { id, token } = await createInvite(db.prisma, { assessmentId, createdById: recruiterId });
    const early = await postMultipart(app.url, `/c/${token}`, archiveForm(await zipBytes({ "a.txt": "a" }), "solution.zip"));
    expect(early.status).toBe(409);
    expect(await early.text()).toContain("Start the assessment first");
    expect(await db.prisma.submission.count({ where: { invitationId: id } })).toBe(0);

    const start = await post(`/c/${token}`, { intent: "start" });
    expect(start.status).toBe(302);
    const startedAt = (await db.prisma.invitation.findUniqueOrThrow({ where: { id } })).startedAt;
    expect(startedAt).toBeInstanceOf(Date);
    await post(`/c/${token}`, { intent: "start" });
    expect((await db.prisma.invitation.findUniqueOrThrow({ where: { id } })).startedAt).toEqual(startedAt);
    const page = await (await fetch(`${app.url}/c/${token}`)).text();
    expect(page).toContain('role="timer"');
    expect(page).toContain("Upload your solution");
  });

  it("stores a valid archive as a QUEUED submission with its sha256 and enqueues a grading job", async () => {
    const { id, token } = await startedInvite();
    // Runnable (a start script), so the upload's runtime check lets it through.
    const bytes = await zipBytes({ "server.js": "console.log('hi')", "package.json": JSON.stringify({ scripts: { start: "node server.js" } }) });
    const response = await postMultipart(app.url, `/c/${token}`, archiveForm(bytes, "solution.zip"));
    expect(response.status).toBe(302);
    const submission = await db.prisma.submission.findFirstOrThrow({ where: { invitationId: id } });
    expect(response.headers.get("location")).toBe(`/c/${token}/submissions/${submission.id}`);
    expect(submission).toMatchObject({ attempt: 1, status: "QUEUED", archiveSize: bytes.length, archiveSha256: createHash("sha256").update(bytes).digest("hex") });
    expect(submission.archivePath).toBe(`db:${submission.id}`);
    expect(Buffer.from((await db.prisma.submissionArchive.findUniqueOrThrow({ where: { submissionId: submission.id } })).bytes)).toEqual(bytes);
    // The job carries the upload's request id, so the worker's log lines about it can be found with it.
    const job = await queue.getJob(submission.id);
    expect(job?.data).toEqual({ submissionId: submission.id, requestId: response.headers.get("x-request-id") });
    expect(await db.prisma.auditLog.count({ where: { entityId: submission.id, action: "candidate.upload" } })).toBe(1);

    const second = await postMultipart(app.url, `/c/${token}`, archiveForm(Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]), "again.tar.gz"));
    expect(second.status).toBe(302);
    const attempts = await db.prisma.submission.findMany({ where: { invitationId: id }, orderBy: { attempt: "asc" } });
    expect(attempts.map((a) => [a.attempt, a.archivePath])).toEqual([
      [1, `db:${attempts[0].id}`],
      [2, `db:${attempts[1].id}`],
    ]);
    expect(readdirSync(path.join(dataDir, "uploads", "tmp"))).toEqual([]);
  });

  it("refuses too large, mislabelled and wrongly named archives without storing anything", async () => {
    const { id, token } = await startedInvite();
    const big = Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.alloc(UPLOAD_MAX_BYTES + 1)]);
    const tooBig = await postMultipart(app.url, `/c/${token}`, archiveForm(big, "big.zip"));
    expect(tooBig.status).toBe(413);
    expect(await tooBig.text()).toContain("larger than the");
    const fake = await postMultipart(app.url, `/c/${token}`, archiveForm(Buffer.from("just some text, not a zip"), "solution.zip"));
    expect(fake.status).toBe(415);
    expect(await fake.text()).toContain("its contents are not one");
    const gzipAsZip = await postMultipart(app.url, `/c/${token}`, archiveForm(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]), "solution.zip"));
    expect(gzipAsZip.status).toBe(415);
    const rar = await postMultipart(app.url, `/c/${token}`, archiveForm(await zipBytes({ a: "a" }), "solution.rar"));
    expect(rar.status).toBe(415);
    expect(await rar.text()).toContain("is not a .zip, .tar.gz or .tgz file");
    expect(await db.prisma.submission.count({ where: { invitationId: id } })).toBe(0);
    expect(readdirSync(path.join(dataDir, "uploads", "tmp"))).toEqual([]);
  });

  it("refuses uploads after the attempt limit and after the deadline", async () => {
    const exhausted = await startedInvite();
    for (let attempt = 1; attempt <= 3; attempt++) {
      await db.prisma.submission.create({ data: { invitationId: exhausted.id, attempt, archiveSha256: "0".repeat(64), archiveSize: 1, archivePath: "/x.zip", seed: 1, status: "FAILED" } });
    }
    const bytes = await zipBytes({ a: "a" });
    const limit = await postMultipart(app.url, `/c/${exhausted.token}`, archiveForm(bytes, "s.zip"));
    expect(limit.status).toBe(403);
    expect(await limit.text()).toContain("used all your attempts");

    const late = await startedInvite({ startedAt: new Date(Date.now() - 61 * 60_000) });
    const afterClock = await postMultipart(app.url, `/c/${late.token}`, archiveForm(bytes, "s.zip"));
    expect(afterClock.status).toBe(403);
    expect(await afterClock.text()).toContain("deadline has passed");

    const expired = await createInvite(db.prisma, { assessmentId, createdById: recruiterId, deadline: new Date(Date.now() - 1000) });
    expect((await post(`/c/${expired.token}`, { intent: "start" })).status).toBe(409);
    expect(await db.prisma.submission.count({ where: { invitationId: { in: [late.id, expired.id] } } })).toBe(0);
  });
});

describe("progress and results", () => {
  it("streams the current state first, then published progress, and ends when graded", async () => {
    const { id, token } = await startedInvite();
    const submission = await db.prisma.submission.create({ data: { invitationId: id, attempt: 1, archiveSha256: "0".repeat(64), archiveSize: 1, archivePath: "/x.zip", seed: 1 } });
    const response = await fetch(`${app.url}/c/${token}/events?submission=${submission.id}`);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = "";
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(received)) {
        const { value, done } = await reader.read();
        if (done) break;
        received += value;
      }
      return pattern.test(received);
    };
    expect(await readUntil(/event: progress\ndata: \{"status":"QUEUED"/)).toBe(true);
    await redis.publish(`submission:${submission.id}`, JSON.stringify({ stage: "tests", status: "RUNNING", testsDone: 2, testsTotal: 5 }));
    expect(await readUntil(/"status":"RUNNING","stage":"tests","testsDone":2,"testsTotal":5/)).toBe(true);
    await db.prisma.submission.update({ where: { id: submission.id }, data: { status: "GRADED", testsDone: 5, testsTotal: 5 } });
    await redis.publish(`submission:${submission.id}`, JSON.stringify({ stage: "done", status: "GRADED", testsDone: 5, testsTotal: 5 }));
    expect(await readUntil(/event: done\ndata: \{"status":"GRADED"/)).toBe(true);
    const end = await reader.read();
    expect(end.done).toBe(true);

    const status = await fetch(`${app.url}/c/${token}/status?submission=${submission.id}`);
    expect(await status.json()).toMatchObject({ status: "GRADED", testsDone: 5, testsTotal: 5 });
  });

  it("shows public tests with messages and hidden tests only as counts", async () => {
    const { id, token } = await startedInvite();
    const submission = await gradedSubmission(id);
    const html = await (await fetch(`${app.url}/c/${token}/submissions/${submission.id}`)).text();
    expect(html).toContain("GET /health answers ok");
    expect(html).toContain("expected status 201, got 500");
    expect(html).toMatch(/Hidden tests: <!-- -->1<!-- --> of <!-- -->2<!-- --> passed/);
    expect(html).not.toContain("SECRET");
  });
});

describe("isolation between invitations", () => {
  it("never lets one link read another invitation's submission", async () => {
    const a = await startedInvite();
    const b = await startedInvite();
    const bSubmission = await gradedSubmission(b.id);
    for (const pathname of [`/c/${a.token}/submissions/${bSubmission.id}`, `/c/${a.token}/status?submission=${bSubmission.id}`, `/c/${a.token}/events?submission=${bSubmission.id}`]) {
      const response = await fetch(`${app.url}${pathname}`);
      expect(response.status, pathname).toBe(404);
      expect(await response.text()).not.toContain("GET /health answers ok");
    }
    const aPage = await (await fetch(`${app.url}/c/${a.token}`)).text();
    expect(aPage).not.toContain(bSubmission.id);
    expect((await fetch(`${app.url}/c/${b.token}/submissions/${bSubmission.id}`)).status).toBe(200);
  });
});

describe("candidate feedback", () => {
  it("is hidden until released, then lists passes, curl reproductions and hidden counts, also as PDF", async () => {
    const { id, token } = await startedInvite();
    await gradedSubmission(id);
    expect((await fetch(`${app.url}/c/${token}/feedback`)).status).toBe(404);
    expect((await fetch(`${app.url}/c/${token}/feedback.pdf`)).status).toBe(404);

    const recruiter = new HttpSession(app.url);
    await recruiter.login(USERS.recruiter.email, USERS.recruiter.password);
    expect((await recruiter.post(`/invitations/${id}`, { intent: "release-feedback" })).status).toBe(200);
    expect(await db.prisma.auditLog.count({ where: { entityId: id, action: "invitation.feedback-release" } })).toBe(1);

    // Competencies carry the catalog's names, the ones the staff's scorecard shows.
    await db.prisma.competency.upsert({ where: { id: "api-design" }, update: { name: "API design and protocols" }, create: { id: "api-design", name: "API design and protocols", category: "Core", description: "", juniorExpectation: "", intermediateExpectation: "", seniorExpectation: "", sortOrder: 1 } });
    const html = await (await fetch(`${app.url}/c/${token}/feedback`)).text();
    expect(html).toContain("API design and protocols");
    expect(html).toContain("GET /health answers ok");
    expect(html).toContain("curl -i -X POST &#x27;http://localhost:3000/items?x=1&#x27; -H &#x27;content-type: application/json&#x27;");
    expect(html).not.toContain("SECRET");
    const pdf = await fetch(`${app.url}/c/${token}/feedback.pdf`);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  });
});
