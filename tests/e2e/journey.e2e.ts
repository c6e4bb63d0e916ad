import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readdir, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import yazl from "yazl";
import { DEMO_USERS } from "../../prisma/demo-users";
import { seed } from "../../prisma/seed";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { launchBrowser, screenshot, signIn } from "../support/browser";

// The whole product in Chromium: a recruiter publishes a JD and invites a candidate, the
// candidate uploads the junior reference solution and watches it graded by the real worker,
// and a hiring manager rates the scorecard and exports it.

const JUNIOR = "assessments/junior-inventory-api";
let db: TestDatabase;
let app: AppServer;
let browser: Browser;
let worker: ChildProcess;
let workerLog = "";

const demo = (role: string) => DEMO_USERS.find((user) => user.role === role)!;

async function zipDirectory(dir: string): Promise<string> {
  const zip = new yazl.ZipFile();
  async function add(current: string) {
    for (const entry of await readdir(current)) {
      const full = path.join(current, entry);
      if ((await stat(full)).isDirectory()) await add(full);
      else zip.addFile(full, path.relative(dir, full));
    }
  }
  await add(dir);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "hirekit-e2e-")), "solution.zip");
  await writeFile(file, Buffer.concat(chunks));
  return file;
}

async function loginAs(context: BrowserContext, role: string): Promise<Page> {
  const page = await context.newPage();
  const user = demo(role);
  await signIn(page, app.url, user.email, user.password);
  return page;
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync("node_modules/axe-core/axe.min.js", "utf8"));
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
    return axe.run();
  });
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.nodes.length})`);
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seed(db.prisma, { demoUsers: true, assessmentsDir: "assessments" });
  const env = { DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL!, DATA_DIR: await mkdtemp(path.join(os.tmpdir(), "hirekit-e2e-data-")) };
  app = await startAppServer(env);
  worker = spawn(process.execPath, ["--import", "tsx", "runner/worker/main.ts"], { env: { ...process.env, ...env, NODE_ENV: "production" }, stdio: ["ignore", "pipe", "pipe"] });
  worker.stdout?.on("data", (chunk: Buffer) => (workerLog += chunk.toString()));
  worker.stderr?.on("data", (chunk: Buffer) => (workerLog += chunk.toString()));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (worker && worker.exitCode === null) {
    worker.kill("SIGTERM");
    await new Promise((resolve) => worker.once("exit", resolve));
  }
  await app?.stop();
  await db?.drop();
});

describe("the whole hiring journey", () => {
  let jdId = "";
  let inviteLink = "";

  it("recruiter composes, publishes and exports a junior JD", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await loginAs(context, "RECRUITER");
    await page.goto(`${app.url}/jds/new`);
    await page.locator('input[name="level"][value="JUNIOR"]').check();
    await page.getByRole("button", { name: "Create draft" }).click();
    await page.waitForURL(/\/jds\/[0-9a-f-]{36}/);
    jdId = /\/jds\/([0-9a-f-]{36})/.exec(page.url())![1];
    await page.locator('input[name="title"]').fill("Junior Backend Developer (Węgierska Górka)");
    await page.locator('input[name="company.name"]').fill("Hirekit Demo GmbH");
    await page.locator('input[name="salary.min"]').fill("42000");
    await page.locator('input[name="salary.max"]').fill("52000");
    await page.locator('input[name="salary.currency"]').fill("EUR");
    await page.locator('input[name="location.streetAddress"]').fill("ul. Długa 12");
    await page.locator('input[name="location.city"]').fill("Gdańsk");
    await page.locator('input[name="location.postalCode"]').fill("80-827");
    await page.locator('input[name="location.country"]').fill("PL");
    await page.locator('input[name="validThrough"]').fill("2030-03-31");
    await page.locator('input[name="applyTo"]').fill("https://careers.example/apply");
    const assessmentId = (await db.prisma.assessment.findFirstOrThrow({ where: { slug: path.basename(JUNIOR) } })).id;
    await page.locator('select[name="assessmentId"]').selectOption(assessmentId);
    await page.getByRole("button", { name: /^Save version/ }).click();
    await expect.poll(async () => (await db.prisma.jobDescriptionVersion.count({ where: { jobDescriptionId: jdId } })) >= 2, { timeout: 20_000 }).toBe(true);
    await screenshot(page, "journey-1-composer");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.waitForURL(/status=PUBLISHED/, { timeout: 20_000 }).catch(async () => {
      const text = (await page.locator("main").textContent()) ?? "";
      throw new Error(`publishing was refused: ${text.slice(text.lastIndexOf("Publishing"))}`);
    });
    expect((await db.prisma.jobDescription.findUniqueOrThrow({ where: { id: jdId } })).status).toBe("PUBLISHED");
    const pdf = await page.request.get(`${app.url}/jds/${jdId}/jd.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toContain("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    const { slug } = await db.prisma.jobDescription.findUniqueOrThrow({ where: { id: jdId } });
    const publicPage = await browser.newPage();
    await publicPage.goto(`${app.url}/jobs/${slug}`);
    expect(await publicPage.locator('script[type="application/ld+json"]').count()).toBe(1);
    await screenshot(publicPage, "journey-2-public-job");
    await publicPage.close();
    await context.close();
  });

  it("recruiter invites a candidate and gets the link", async () => {
    const context = await browser.newContext();
    const page = await loginAs(context, "RECRUITER");
    await page.goto(`${app.url}/invitations/new`);
    await page.locator('input[name="candidateName"]').fill("Zoë Kowalska");
    await page.locator('input[name="candidateEmail"]').fill("zoe@example.test");
    const assessment = await db.prisma.assessment.findFirstOrThrow({ where: { slug: path.basename(JUNIOR) } });
    await page.locator('select[name="assessmentId"]').selectOption(assessment.id);
    await page.locator('select[name="jobDescriptionId"]').selectOption(jdId);
    await page.getByRole("button", { name: /invit/i }).click();
    inviteLink = (await page.locator("code.invite-link").first().textContent({ timeout: 20_000 }))!.trim();
    expect(inviteLink).toMatch(/\/c\/[A-Za-z0-9_-]{22,}$/);
    await screenshot(page, "journey-3-invited");
    await context.close();
  });

  it("candidate downloads the starter, starts, uploads the reference and sees it graded live", async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(inviteLink);
    await expect.poll(() => page.getByRole("heading", { name: "API contract" }).count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download the starter/ }).click()]);
    const starter = await download.path();
    expect(readFileSync(starter!).subarray(0, 2).toString()).toBe("PK");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "journey-4-candidate-landing");
    await page.getByRole("button", { name: "Start the assessment" }).click();
    await page.getByLabel(/Archive/).setInputFiles(await zipDirectory(path.join(JUNIOR, "reference")));
    await page.getByRole("button", { name: "Upload and grade" }).click();
    await page.waitForURL(/\/submissions\//, { timeout: 30_000 });
    await screenshot(page, "journey-5-grading");
    await expect
      .poll(async () => (await page.getByText(/Hidden tests: \d+ of \d+ passed/).count()) > 0, { timeout: 240_000, interval: 1000 })
      .toBe(true);
    const submission = await db.prisma.submission.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect(submission.status, `${submission.failureReason ?? ""}\n${workerLog.slice(-2000)}`).toBe("GRADED");
    expect(submission.overallScore).toBe(1);
    expect(await page.getByText("Failed", { exact: true }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "journey-6-candidate-results");
    await context.close();
  });

  it("hiring manager opens the scorecard, rates every competency and exports it", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await loginAs(context, "HIRING_MANAGER");
    const invitation = await db.prisma.invitation.findFirstOrThrow({ where: { candidateEmail: "zoe@example.test" } });
    await page.goto(`${app.url}/submissions`);
    await page.getByRole("link", { name: /Zoë Kowalska/ }).first().click();
    await page.waitForURL(`${app.url}/scorecards/${invitation.id}`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "journey-7-scorecard");
    const groups = page.locator("fieldset");
    for (let index = 0; index < (await groups.count()); index++) {
      // Each choice's label carries its rubric meaning, so pick the radio by its value.
      await groups.nth(index).locator('input[type="radio"][value="YES"]').check();
    }
    await page.getByRole("button", { name: "Submit review" }).click();
    await expect
      .poll(async () => (await db.prisma.review.findFirst({ where: { scorecard: { invitationId: invitation.id } } }))?.submittedAt != null, { timeout: 20_000 })
      .toBe(true);
    const pdf = await page.request.get(`${app.url}/scorecards/${invitation.id}/scorecard.pdf`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await screenshot(page, "journey-8-reviewed");
    await context.close();
  });
});
