import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import yauzl from "yauzl";
import yazl from "yazl";
import { DEMO_USERS } from "../../prisma/demo-users";
import { seed } from "../../prisma/seed";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { launchBrowser, signIn } from "../support/browser";

// Issue 12 in Chromium: the organisation profile feeds a new JD; publishing over a wording
// warning asks first; leaving with unsaved edits asks first; the apply link reaches the public
// page and the PDF; a duplicate invitation warns; the candidate's starter carries the brief and
// the contract; an unrunnable upload is refused without using an attempt; a password change
// ends the other sessions. Every page on the way is checked with axe at desktop and phone width
// and must not be wider than a 390 px phone.

let db: TestDatabase;
let app: AppServer;
let browser: Browser;
const APPLY_URL = "https://careers.fjord.example/apply/backend";
const problems: string[] = [];
const demo = (role: string) => DEMO_USERS.find((user) => user.role === role)!;

async function loginAs(context: BrowserContext, role: string, password: string = demo(role).password): Promise<Page> {
  const page = await context.newPage();
  await signIn(page, app.url, demo(role).email, password);
  return page;
}

/** axe (serious and critical) at 1366 and 390 px, and no horizontal overflow on a phone. */
async function checkPage(page: Page, name: string): Promise<void> {
  const axeSource = readFileSync("node_modules/axe-core/axe.min.js", "utf8");
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe;
      return axe.run();
    });
    for (const v of result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
      problems.push(`${name} at ${width}px: ${v.id} on ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
    }
    if (width === 390) {
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
      if (scrollWidth > innerWidth) problems.push(`${name} at 390px is ${scrollWidth}px wide`);
    }
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

function zipNames(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const names: string[] = [];
      zip.on("entry", (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on("end", () => resolve(names));
      zip.readEntry();
    });
  });
}

async function notRunnableZip(): Promise<string> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from("Notes about my solution.\n"), "NOTES.md");
  zip.addBuffer(Buffer.from("console.log('hello');\n"), "src/index.js");
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "hirekit-e2e-")), "solution.zip");
  await writeFile(file, Buffer.concat(chunks));
  return file;
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seed(db.prisma, { demoUsers: true, assessmentsDir: "assessments" });
  app = await startAppServer({ DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL!, DATA_DIR: await mkdtemp(path.join(os.tmpdir(), "hirekit-e2e-data-")) });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await db?.drop();
});

describe("recruiter, candidate and admin journeys", () => {
  let jdId = "";
  let inviteLink = "";
  let recruiterContext: BrowserContext;

  it("admin fills in the organisation profile", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await loginAs(context, "ADMIN");
    await page.goto(`${app.url}/admin/profile`);
    await page.getByLabel("Company name").fill("Fjord Systems");
    await page.getByLabel("Company website").fill("https://fjord.example");
    await page.getByLabel("About the company").fill("Fjord Systems builds routing software for couriers across the Baltic.");
    await page.getByLabel("City").fill("Gdańsk");
    await page.getByLabel("Country code").fill("PL");
    await page.getByLabel("Apply at").fill(APPLY_URL);
    await page.getByLabel("Contact address for candidates").fill("talent@fjord.example");
    await page.getByLabel("Privacy notice").fill("https://fjord.example/privacy");
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByText("New job descriptions start from this profile").waitFor();
    await checkPage(page, "organisation profile");
    for (const pathname of ["/admin/users", "/admin/audit"]) {
      await page.goto(`${app.url}${pathname}`);
      await checkPage(page, pathname);
    }
    await context.close();
  });

  it("a new JD inherits the profile, leaving with unsaved edits asks first, and publishing over a wording warning asks", async () => {
    recruiterContext = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const page = await loginAs(recruiterContext, "RECRUITER");
    await page.goto(`${app.url}/jds/new`);
    await checkPage(page, "new JD");
    await page.getByLabel("Junior").check();
    await page.getByRole("button", { name: "Create draft" }).click();
    await page.waitForURL(/\/jds\/[0-9a-f-]{36}$/);
    jdId = page.url().split("/").at(-1)!;
    await page.getByRole("heading", { name: "Quality" }).waitFor();
    await expect.poll(() => page.locator('[name="company.name"]').inputValue()).toBe("Fjord Systems");
    expect(await page.locator('[name="applyTo"]').inputValue()).toBe(APPLY_URL);
    expect(await page.getByText("Same as the organisation profile.").count()).toBeGreaterThan(3);
    await checkPage(page, "composer");

    await page.locator('[name="team"]').fill("Routing");
    await page.getByRole("link", { name: "History", exact: true }).click();
    const dialog = page.getByRole("alertdialog", { name: "Leave without saving?" });
    await dialog.waitFor();
    await checkPage(page, "unsaved-changes dialog");
    await dialog.getByRole("button", { name: "Stay and keep editing" }).click();
    expect(page.url()).toBe(`${app.url}/jds/${jdId}`);
    expect(await page.locator('[name="team"]').inputValue()).toBe("Routing");

    const junior = await db.prisma.assessment.findFirstOrThrow({ where: { level: "JUNIOR" } });
    await page.locator('[name="salary.min"]').fill("9000");
    await page.locator('[name="salary.max"]').fill("12000");
    await page.locator('[name="salary.currency"]').fill("PLN");
    await page.locator('[name="salary.period"]').selectOption("MONTH");
    await page.locator('[name="validThrough"]').fill("2030-06-30");
    await page.locator('[name="assessmentId"]').selectOption(junior.id);
    const summary = page.locator('[name="summary"]');
    await summary.fill(`${await summary.inputValue()} You will join a fast-paced team.`);
    await expect.poll(() => page.getByText("Ready to publish: nothing blocks it.").count()).toBe(1);
    await page.getByRole("button", { name: /^Save version 2/ }).click();
    await page.waitForURL(/\?saved=2$/);

    await page.getByRole("button", { name: "Publish", exact: true }).click();
    const confirm = page.getByRole("alertdialog");
    await confirm.waitFor();
    expect(await confirm.textContent()).toMatch(/fast-paced/);
    await checkPage(page, "publish confirmation");
    await confirm.getByRole("button", { name: "Publish anyway" }).click();
    await page.waitForURL(/\?status=PUBLISHED$/);
    await expect.poll(() => page.getByRole("button", { name: /and update the live posting/ }).count()).toBe(1);
  });

  it("the apply link is on the public page and in the PDF", async () => {
    const page = await recruiterContext.newPage();
    const jd = await db.prisma.jobDescription.findUniqueOrThrow({ where: { id: jdId } });
    await page.goto(`${app.url}/jobs/${jd.slug}`);
    const apply = page.getByRole("link", { name: "Apply for this job" }).first();
    expect(await apply.getAttribute("href")).toBe(APPLY_URL);
    await checkPage(page, "public job page");
    await page.goto(`${app.url}/jobs`);
    await checkPage(page, "careers list");

    const pdf = await page.request.get(`${app.url}/jds/${jdId}/jd.pdf`);
    expect(pdf.status()).toBe(200);
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "hirekit-e2e-pdf-")), "jd.pdf");
    await writeFile(file, await pdf.body());
    expect(execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" })).toContain(APPLY_URL);
    await page.close();
  });

  it("choosing the JD preselects its assessment, and inviting the same person twice warns", async () => {
    const page = await recruiterContext.newPage();
    const jd = await db.prisma.jobDescription.findUniqueOrThrow({ where: { id: jdId } });
    await page.goto(`${app.url}/invitations/new`);
    await page.locator("#candidateName").fill("Casey Candidate");
    await page.locator("#candidateEmail").fill("casey@example.test");
    await page.locator("#jobDescriptionId").selectOption(jdId);
    expect(await page.locator("#assessmentId").inputValue()).toBe(jd.assessmentId);
    await checkPage(page, "new invitation");
    await page.getByRole("button", { name: "Send invitation" }).click();
    inviteLink = (await page.locator("code.invite-link").first().textContent({ timeout: 20_000 }))!.trim();

    await page.locator("#candidateName").fill("Casey Candidate");
    await page.locator("#candidateEmail").fill("casey@example.test");
    await page.locator("#jobDescriptionId").selectOption(jdId);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByText("casey@example.test already has an open invitation to this assessment").waitFor();
    expect(await page.getByRole("button", { name: "Invite again anyway" }).count()).toBe(1);
    await checkPage(page, "duplicate invitation warning");
    for (const pathname of ["/invitations", "/invitations/outbox", `/invitations/${(await db.prisma.invitation.findFirstOrThrow()).id}`]) {
      await page.goto(`${app.url}${pathname}`);
      await checkPage(page, pathname);
    }
    await page.close();
  });

  it("the candidate's starter carries the brief and the contract, and an unrunnable upload costs no attempt", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(inviteLink);
    await page.getByText("Fjord Systems invites you to this take-home").waitFor();
    expect(await page.getByRole("link", { name: "talent@fjord.example" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "privacy notice" }).getAttribute("href")).toBe("https://fjord.example/privacy");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download the starter/ }).click()]);
    const names = (await zipNames((await download.path())!)).map((name) => name.split("/").slice(1).join("/"));
    expect(names).toEqual(expect.arrayContaining(["brief.md", "openapi.yaml", "check.mjs", "CHECK.md"]));
    await checkPage(page, "candidate landing");

    await page.getByRole("button", { name: "Start the assessment" }).click();
    await page.getByLabel(/Archive/).setInputFiles(await notRunnableZip());
    await page.getByRole("button", { name: "Upload and grade" }).click();
    await page.getByText("This archive cannot run, so it was not submitted and no attempt was used").waitFor();
    const invitation = await db.prisma.invitation.findFirstOrThrow({ where: { candidateEmail: "casey@example.test" }, orderBy: { createdAt: "asc" } });
    expect(await db.prisma.submission.count({ where: { invitationId: invitation.id } })).toBe(0);
    await checkPage(page, "candidate upload refused");
    await page.goto(`${inviteLink}/submissions/00000000-0000-4000-8000-000000000000`);
    expect(await page.getByRole("link", { name: /start page|log in/i }).count()).toBe(0);
    await context.close();
  });

  it("changing the password ends the recruiter's other sessions", async () => {
    const other = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const elsewhere = await loginAs(other, "RECRUITER");
    const page = await recruiterContext.newPage();
    await page.goto(`${app.url}/account/password`);
    await checkPage(page, "change password");
    await page.getByLabel("Current password").fill(demo("RECRUITER").password);
    await page.getByLabel("New password", { exact: true }).fill("a-new-recruiter-passphrase");
    await page.getByLabel("New password again").fill("a-new-recruiter-passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("You were signed out everywhere else.").waitFor();
    await elsewhere.goto(`${app.url}/dashboard`);
    expect(new URL(elsewhere.url()).pathname).toBe("/login");
    await page.goto(`${app.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe("/dashboard");
    await other.close();
    await recruiterContext.close();
  });

  it("a refused page speaks plainly", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await loginAs(context, "HIRING_MANAGER");
    await page.goto(`${app.url}/admin/users`);
    await page.getByRole("heading", { name: "You do not have access to this page" }).waitFor();
    expect(await page.locator("main").textContent()).not.toMatch(/users:manage|HIRING_MANAGER/);
    await checkPage(page, "403 page");
    await context.close();
  });

  it("has no serious accessibility problems and no page wider than a phone", () => {
    expect(problems).toEqual([]);
  });
});
