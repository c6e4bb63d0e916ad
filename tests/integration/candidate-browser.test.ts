// The candidate journey's client-side parts in Chromium: hydration without CSP or console
// errors, starting, drag-and-drop upload, live progress over SSE, results after grading, and
// no serious axe-core violations on the landing and results pages.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Redis } from "ioredis";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { launchBrowser, screenshot } from "../support/browser";
import { createInvite, FIXTURE_ASSESSMENTS_DIR, seedAssessment, seedUsers, tempDataDir, zipBytes } from "./candidate-fixtures";

let db: TestDatabase;
let app: AppServer;
let browser: Browser;
let redis: Redis;
let assessmentId: string;
let recruiterId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  recruiterId = (await seedUsers(db.prisma)).recruiter;
  assessmentId = (await seedAssessment(db.prisma)).id;
  app = await startAppServer({ DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL!, DATA_DIR: await tempDataDir(), ASSESSMENTS_DIR: FIXTURE_ASSESSMENTS_DIR });
  browser = await launchBrowser();
  redis = new Redis(process.env.TEST_REDIS_URL!, { maxRetriesPerRequest: 1 });
});

afterAll(async () => {
  redis?.disconnect();
  await browser?.close();
  await app?.stop();
  await db?.drop();
});

const AXE_SOURCE = readFileSync(path.resolve("node_modules/axe-core/axe.min.js"), "utf8");

async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol, which the page's CSP (rightly) does not allow as an inline script.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { html: string; failureSummary?: string }[] }[] }> } }).axe.run();
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.html} — ${n.failureSummary ?? ""}`).join(" | ")}`);
  });
  return violations;
}

describe("the candidate pages in a browser", () => {
  it("start, drag-and-drop upload, live progress and results", async () => {
    const { id, token } = await createInvite(db.prisma, { assessmentId, createdById: recruiterId, name: "Browser Candidate" });
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));

    await page.goto(`${app.url}/c/${token}`);
    await page.waitForFunction(() => (window as unknown as { __remixContext?: unknown }).__remixContext !== undefined);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "candidate-landing");

    await page.getByRole("button", { name: "Start the assessment" }).click();
    await page.getByRole("heading", { name: "Upload your solution" }).waitFor();
    expect(await page.getByRole("timer").textContent()).toMatch(/^(59 min|1 h 00 min)$/);

    const archive = await zipBytes({ "server.js": "require('http').createServer().listen(3000)", "package.json": JSON.stringify({ scripts: { start: "node server.js" } }) });
    await page.evaluate((bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], "solution.zip", { type: "application/zip" }));
      const zone = document.querySelector(".dropzone")!;
      zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, [...archive]);
    await page.getByText("Ready to upload solution.zip").waitFor();
    await page.getByRole("button", { name: "Upload and grade" }).click();
    await page.waitForURL(/\/submissions\//);
    const submission = await db.prisma.submission.findFirstOrThrow({ where: { invitationId: id } });
    expect(page.url()).toBe(`${app.url}/c/${token}/submissions/${submission.id}`);
    await page.locator('[data-status="QUEUED"]').waitFor();

    // The worker's messages, as it would publish them; the page must follow without reloading.
    await page.waitForTimeout(300);
    await redis.publish(`submission:${submission.id}`, JSON.stringify({ stage: "tests", status: "RUNNING", testsDone: 1, testsTotal: 4 }));
    await page.getByText("Running tests: 1 of 4 done.").waitFor();
    await screenshot(page, "candidate-progress");
    await db.prisma.submission.update({
      where: { id: submission.id },
      data: {
        status: "GRADED",
        testsDone: 4,
        testsTotal: 4,
        testResults: {
          create: [
            { testId: "health", title: "GET /health answers ok", competencyId: "api-design", points: 1, visibility: "PUBLIC", outcome: "PASSED", durationMs: 4 },
            { testId: "create-item", title: "POST /items creates an item", competencyId: "api-design", points: 2, visibility: "PUBLIC", outcome: "FAILED", message: "expected 201, got 500", durationMs: 4 },
            { testId: "read-item", title: "hidden one", competencyId: "problem-solving", points: 2, visibility: "HIDDEN", outcome: "PASSED", durationMs: 4 },
          ],
        },
      },
    });
    await redis.publish(`submission:${submission.id}`, JSON.stringify({ stage: "done", status: "GRADED", testsDone: 4, testsTotal: 4 }));
    await page.getByRole("heading", { name: "Results" }).waitFor();
    await page.getByText("expected 201, got 500").waitFor();
    expect(await page.content()).not.toContain("hidden one");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "candidate-results");
    expect(problems).toEqual([]);
    await page.close();
  });
});
