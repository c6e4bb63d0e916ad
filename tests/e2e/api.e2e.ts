import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { hashPassword } from "~/lib/password.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { launchBrowser, screenshot, signIn } from "../support/browser";

let db: TestDatabase;
let app: AppServer;
let browser: Browser;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.user.create({ data: { email: "admin@api.test", name: "Api Admin", role: "ADMIN", passwordHash: await hashPassword("api-admin-pass-1") } });
  app = await startAppServer({ DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL! });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await db?.drop();
});

describe("the API in a real browser", () => {
  it("renders the OpenAPI reference at /api/docs from our own assets without a CSP violation", async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    const foreign: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    page.on("request", (request) => {
      if (!request.url().startsWith(app.url) && !request.url().startsWith("data:")) foreign.push(request.url());
    });
    await page.goto(`${app.url}/api/docs`);
    await page.getByRole("heading", { name: /Hirekit API/ }).first().waitFor();
    await page.getByText("/invitations/batch").first().waitFor();
    await screenshot(page, "api-docs");
    expect(violations).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it("lets an admin create a token that is shown once and use it", async () => {
    const page = await browser.newPage();
    await signIn(page, app.url, "admin@api.test", "api-admin-pass-1");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API" }).click();
    await page.waitForURL(`${app.url}/admin/api-tokens`);
    await page.getByLabel("Name").fill("Browser token");
    await page.getByRole("button", { name: "Create token" }).click();
    const shown = page.getByTestId("new-token");
    await shown.waitFor();
    const token = (await shown.textContent()) ?? "";
    expect(token).toMatch(/^hk_/);
    const reply = await fetch(`${app.url}/api/v1/assessments`, { headers: { Authorization: `Bearer ${token}` } });
    expect(reply.status).toBe(200);
    await page.reload();
    expect(await page.getByTestId("new-token").count()).toBe(0);
    await expect.poll(async () => (await page.content()).includes(token)).toBe(false);
    await page.close();
  });
});
