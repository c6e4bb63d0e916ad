import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { DEMO_USERS } from "../../prisma/demo-users";
import { seed } from "../../prisma/seed";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { launchBrowser, screenshot } from "../support/browser";

let db: TestDatabase;
let app: AppServer;
let browser: Browser;

beforeAll(async () => {
  db = await createTestDatabase();
  await seed(db.prisma, { demoUsers: true, assessmentsDir: "assessments" });
  app = await startAppServer({ DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL! });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await db?.drop();
});

describe("demo logins in a real browser", () => {
  for (const demo of DEMO_USERS) {
    it(`logs in and out as the ${demo.role.toLowerCase()}`, async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${app.url}/dashboard`);
      await expect.poll(() => new URL(page.url()).pathname).toBe("/login");
      await page.getByLabel("Email").fill(demo.email);
      await page.getByLabel("Password").fill(demo.password);
      await page.getByRole("button", { name: "Log in" }).click();
      await page.waitForURL(`${app.url}/dashboard`);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain(demo.name);
      const nav = page.getByRole("navigation", { name: "Main" });
      const usersLink = nav.getByRole("link", { name: "Users" });
      expect(await usersLink.count()).toBe(demo.role === "ADMIN" ? 1 : 0);
      await screenshot(page, `login-${demo.role.toLowerCase()}`);
      await page.getByRole("button", { name: "Log out" }).click();
      await page.waitForURL(`${app.url}/login`);
      await context.close();
    });
  }

  it("shows the generic error for a wrong password", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Email").fill(DEMO_USERS[0].email);
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("do not match an active account");
    await page.close();
  });
});
