import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { DEMO_USERS } from "../../prisma/demo-users";
import { seed } from "../../prisma/seed";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { launchBrowser, signIn } from "../support/browser";

// The composer's status buttons never act on a saved version while the form holds other edits,
// and a JD that names nowhere to apply cannot go live. No organisation profile is filled in
// here, so the new JD starts without an apply address.

let db: TestDatabase;
let app: AppServer;
let browser: Browser;
const APPLY_URL = "https://ats.example/northwind/backend";
const UNSAVED_NOTE = "Save your edits first: publishing uses the saved version";

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

async function loginAsRecruiter(): Promise<Page> {
  const recruiter = DEMO_USERS.find((user) => user.role === "RECRUITER")!;
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await signIn(page, app.url, recruiter.email, recruiter.password);
  return page;
}

const statusBox = (page: Page) => page.getByRole("region", { name: "Publishing" });
const header = (page: Page) => page.locator(".page-head");

describe("composer status buttons and the apply address", () => {
  it("disables status changes while edits are unsaved, and refuses to publish without an apply address", async () => {
    const page = await loginAsRecruiter();
    await page.goto(`${app.url}/jds/new`);
    await page.locator('input[name="level"][value="JUNIOR"]').check();
    await page.getByRole("button", { name: "Create draft" }).click();
    await page.waitForURL(/\/jds\/[0-9a-f-]{36}$/);
    const jdId = page.url().split("/").at(-1)!;
    await page.getByRole("heading", { name: "Quality" }).waitFor();
    const publish = statusBox(page).getByRole("button", { name: "Publish", exact: true });
    expect(await publish.isEnabled()).toBe(true);

    await page.locator('input[name="company.name"]').fill("Northwind Labs");
    await page.locator('input[name="salary.min"]').fill("9000");
    await page.locator('input[name="salary.max"]').fill("12000");
    await page.locator('input[name="salary.currency"]').fill("PLN");
    await page.locator('select[name="salary.period"]').selectOption("MONTH");
    await page.locator('input[name="location.streetAddress"]').fill("ul. Długa 12");
    await page.locator('input[name="location.city"]').fill("Gdańsk");
    await page.locator('input[name="location.postalCode"]').fill("80-827");
    await page.locator('input[name="location.country"]').fill("PL");
    await page.locator('input[name="validThrough"]').fill("2030-03-31");

    // Unsaved edits: the buttons are off and say why, to assistive technology as well.
    await expect.poll(() => publish.isDisabled()).toBe(true);
    const note = statusBox(page).getByText(UNSAVED_NOTE);
    expect(await note.isVisible()).toBe(true);
    const noteId = await note.getAttribute("id");
    expect(noteId).toBeTruthy();
    expect(await publish.getAttribute("aria-describedby")).toBe(noteId);
    expect(await header(page).textContent()).toContain("Unsaved changes");
    // The panel names the missing apply address as the one thing blocking publication.
    await expect.poll(() => page.locator(".blocking").textContent()).toContain("Add where candidates apply: a URL or an email.");
    expect(await page.locator(".blocking li").count()).toBe(1);

    await page.getByRole("button", { name: /^Save version 2/ }).click();
    await page.waitForURL(/\?saved=2$/);
    await expect.poll(() => publish.isEnabled()).toBe(true);
    expect(await statusBox(page).getByText(UNSAVED_NOTE).count()).toBe(0);

    // The server refuses too, whatever the browser shows.
    await publish.click();
    const refusal = statusBox(page).getByRole("alert");
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain("Add where candidates apply: a URL or an email.");
    expect((await db.prisma.jobDescription.findUniqueOrThrow({ where: { id: jdId } })).status).toBe("DRAFT");

    await page.locator('input[name="applyTo"]').fill(APPLY_URL);
    await expect.poll(() => publish.isDisabled()).toBe(true);
    await page.getByRole("button", { name: /^Save version 3/ }).click();
    await page.waitForURL(/\?saved=3$/);
    await expect.poll(() => publish.isEnabled()).toBe(true);
    await publish.click();
    await page.waitForURL(/\?status=PUBLISHED$/);

    // After the status change the form shows exactly the saved version and nothing is unsaved.
    await statusBox(page).getByRole("button", { name: "Back to draft" }).waitFor();
    expect(await header(page).textContent()).not.toContain("Unsaved changes");
    expect(await page.locator('input[name="applyTo"]').inputValue()).toBe(APPLY_URL);
    expect(await page.locator('input[name="location.city"]').inputValue()).toBe("Gdańsk");
    const jd = await db.prisma.jobDescription.findUniqueOrThrow({ where: { id: jdId } });
    expect(jd).toMatchObject({ status: "PUBLISHED", currentVersion: 3 });

    // Edits on a published JD hold back "Back to draft" and "Archive" the same way.
    await page.locator('input[name="team"]').fill("Routing");
    await expect.poll(() => statusBox(page).getByRole("button", { name: "Archive" }).isDisabled()).toBe(true);
    expect(await statusBox(page).getByRole("button", { name: "Back to draft" }).isDisabled()).toBe(true);

    // The live posting links out to the ATS, so Google must not treat it as a direct apply.
    const publicPage = await page.context().newPage();
    await publicPage.goto(`${app.url}/jobs/${jd.slug}`);
    expect(await publicPage.getByRole("link", { name: "Apply for this job" }).first().getAttribute("href")).toBe(APPLY_URL);
    const posting = JSON.parse((await publicPage.locator('script[type="application/ld+json"]').textContent()) ?? "null");
    expect(posting).toMatchObject({ directApply: false, potentialAction: { "@type": "ApplyAction", target: APPLY_URL } });
    await page.context().close();
  });
});
