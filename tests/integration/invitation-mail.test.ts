import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startMailConsumer, type MailConsumer } from "../../runner/mail/consumer";
import { enqueueEmails } from "../../runner/mail/queue";
import { REDACTED_LINK } from "../../runner/mail/redact";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { HttpSession } from "../support/http-session";
import { loginCookie, postMultipart, seedAssessment, seedUsers, tempDataDir, USERS, FIXTURE_ASSESSMENTS_DIR } from "./candidate-fixtures";

const QUEUE_PREFIX = `invitation-mail-test-${process.pid}`;

interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
}

/** A minimal SMTP receiver: enough of RFC 5321 for nodemailer; can refuse the first N messages. */
class SmtpReceiver {
  readonly received: ReceivedMail[] = [];
  refuseNext = 0;
  private server: Server = createServer((socket) => this.session(socket));
  port = 0;

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private session(socket: Socket): void {
    let buffer = "";
    let inData = false;
    let mail: ReceivedMail = { from: "", to: [], data: "" };
    socket.write("220 test-smtp ready\r\n");
    socket.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          mail.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          if (this.refuseNext > 0) {
            this.refuseNext -= 1;
            socket.write("451 4.3.0 try again later\r\n");
          } else {
            this.received.push(mail);
            socket.write("250 2.0.0 queued\r\n");
          }
          mail = { from: "", to: [], data: "" };
          continue;
        }
        const newline = buffer.indexOf("\r\n");
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 test-smtp\r\n");
        else if (verb === "MAIL") {
          mail.from = line;
          socket.write("250 2.1.0 ok\r\n");
        } else if (verb === "RCPT") {
          mail.to.push(line);
          socket.write("250 2.1.5 ok\r\n");
        } else if (verb === "DATA") {
          inData = true;
          socket.write("354 end with <CRLF>.<CRLF>\r\n");
        } else if (verb === "QUIT") {
          socket.end("221 bye\r\n");
          return;
        } else socket.write("250 ok\r\n");
      }
    });
    socket.on("error", () => undefined);
  }
}

let db: TestDatabase;
let app: AppServer;
let smtp: SmtpReceiver;
let assessmentId: string;
let consumer: MailConsumer | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.prisma);
  assessmentId = (await seedAssessment(db.prisma)).id;
  smtp = new SmtpReceiver();
  await smtp.start();
  app = await startAppServer({
    DATABASE_URL: db.url,
    REDIS_URL: process.env.TEST_REDIS_URL!,
    DATA_DIR: await tempDataDir(),
    ASSESSMENTS_DIR: FIXTURE_ASSESSMENTS_DIR,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    RUNNER_QUEUE_PREFIX: QUEUE_PREFIX,
  });
});

afterEach(async () => {
  await consumer?.close();
  consumer = undefined;
});

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
  await db?.drop();
});

function startConsumer(): Promise<MailConsumer> {
  const redisUrl = process.env.TEST_REDIS_URL!;
  return startMailConsumer({
    prisma: db.prisma,
    redis: () => new Redis(redisUrl, { maxRetriesPerRequest: null }),
    prefix: QUEUE_PREFIX,
    smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
    from: "Hirekit <no-reply@hirekit.test>",
    baseDelayMs: 50,
    log: () => undefined,
  });
}

async function waitUntilSent(ids: string[]) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const rows = await db.prisma.outboxEmail.findMany({ where: { id: { in: ids } } });
    if (rows.length === ids.length && rows.every((row) => row.sentAt)) return rows;
    if (Date.now() > deadline) throw new Error(`outbox emails not sent: ${rows.filter((row) => !row.sentAt).map((row) => `${row.to} (${row.error ?? "no error"})`).join(", ")}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe("invitation mail through the queue", () => {
  it("returns from a many-row import without sending inline; the consumer then sends each once and redacts the stored link", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `Candidate ${i},bulk${i}@example.test`);
    const form = new FormData();
    form.set("file", new Blob([`name,email\n${rows.join("\n")}\n`], { type: "text/csv" }), "candidates.csv");
    form.set("assessmentId", assessmentId);
    form.set("jobDescriptionId", "");
    form.set("deadline", future(10));
    const cookie = await loginCookie(app.url, USERS.recruiter.email, USERS.recruiter.password);
    const response = await postMultipart(app.url, "/invitations/import", form, cookie);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("queued for sending");

    // No consumer runs yet, so anything the receiver got would have been sent inside the request.
    expect(smtp.received).toHaveLength(0);
    const queued = await db.prisma.outboxEmail.findMany({ where: { to: { startsWith: "bulk" } } });
    expect(queued).toHaveLength(60);
    for (const row of queued) {
      expect(row.queuedAt).not.toBeNull();
      expect(row.sentAt).toBeNull();
      expect(row.body).toMatch(new RegExp(`${app.url}/c/[A-Za-z0-9_-]{43}`));
    }

    consumer = await startConsumer();
    const sent = await waitUntilSent(queued.map((row) => row.id));
    const bulk = smtp.received.filter((mail) => mail.to.some((to) => to.includes("bulk")));
    expect(bulk).toHaveLength(60);
    expect(new Set(bulk.map((mail) => mail.to.join())).size).toBe(60);
    for (const mail of bulk) expect(mail.data.replace(/=\r\n/g, "")).toMatch(/\/c\/[A-Za-z0-9_-]{43}/);
    for (const row of sent) {
      expect(row.attempts).toBe(1);
      expect(row.body).toContain(REDACTED_LINK);
      expect(row.body).not.toMatch(/\/c\/[A-Za-z0-9_-]{43}/);
    }
  });

  it("retries after the receiver refuses, delivers exactly once and shows the state in the outbox", async () => {
    smtp.refuseNext = 1;
    const before = smtp.received.length;
    consumer = await startConsumer();
    const session = new HttpSession(app.url);
    expect((await session.login(USERS.recruiter.email, USERS.recruiter.password)).status).toBe(302);
    const response = await session.post("/invitations/new", { candidateName: "Grace Hopper", candidateEmail: "grace@example.test", assessmentId, jobDescriptionId: "", deadline: future(5) });
    expect(response.status).toBe(200);
    const row = await db.prisma.outboxEmail.findFirstOrThrow({ where: { to: "grace@example.test" } });
    const [sent] = await waitUntilSent([row.id]);
    expect(sent.attempts).toBe(2);
    expect(sent.error).toBeNull();
    expect(sent.body).toContain(REDACTED_LINK);
    expect(smtp.refuseNext).toBe(0);
    const grace = smtp.received.slice(before).filter((mail) => mail.to.some((to) => to.includes("grace@example.test")));
    expect(grace).toHaveLength(1);

    // Enqueuing the row again is a no-op (jobId = row id), and a second job for a sent row (as after
    // a lost acknowledgement) runs without mailing the candidate again.
    await enqueueEmails(consumer.queue, [row.id]);
    expect(await consumer.queue.getJobCounts("waiting", "delayed", "active")).toEqual({ waiting: 0, delayed: 0, active: 0 });
    const again = await consumer.queue.add("send", { outboxId: row.id }, { jobId: `${row.id}-again` });
    const deadline = Date.now() + 30_000;
    while ((await again.getState()) !== "completed") {
      if (Date.now() > deadline) throw new Error("the second job did not complete");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await consumer.queue.getJob(again.id!))?.returnvalue).toBe("skipped");
    expect(smtp.received.slice(before).filter((mail) => mail.to.some((to) => to.includes("grace@example.test")))).toHaveLength(1);

    const page = await (await session.get("/invitations/outbox")).text();
    expect(page).toContain("2 attempts");
    expect(page).toContain("Sent");
  });
});
