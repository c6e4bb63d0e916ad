import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeZip } from "../../runner/fixtures/archives";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { launchBrowser, screenshot, signIn } from "../support/browser";
import { PASSWORD, createAssessmentAndJd, createAttempt, createInvitation, createUsers } from "../integration/scorecard-fixtures";
import { overlappingWords, pageCount, wordBoxes } from "../integration/scorecard-pdf-layout";

// A hiring manager reviews the work itself: reads the README and a file, sees what changed since
// the previous attempt, comments on a line, rates what the assessment tested and leaves the rest
// "Not assessed", submits; the comparison and the PDF say the same. axe at desktop and 390 px.

let db: TestDatabase;
let app: AppServer;
let browser: Browser;
let dir: string;
const ids: Record<string, string> = {};
let managerEmail = "";
let colleagueEmail = "";

const README = "# Inventory API\n\nRun it with `node src/server.js`.\n\n<script>window.pwned = true</script>\n\n![tracker](http://tracker.example/p.png)\n";
const serverV1 = `import http from "node:http";\nconst items = new Map();\nconst server = http.createServer((req, res) => {\n  res.end(JSON.stringify([...items.values()]));\n});\nserver.listen(3000);\n`;
const serverV2 = serverV1.replace("res.end(JSON.stringify([...items.values()]));", 'res.setHeader("content-type", "application/json");\n  res.end(JSON.stringify([...items.values()]));');

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), "hirekit-reviewer-e2e-"));
  const users = await createUsers(db.prisma);
  managerEmail = users.manager1.email;
  colleagueEmail = users.manager2.email;
  const { assessment, jd } = await createAssessmentAndJd(db.prisma, users.recruiter.id);
  const tests = [
    { testId: "create-item", competencyId: "api-design", points: 2, outcome: "PASSED" as const },
    { testId: "rejects-injection", competencyId: "security", points: 1, outcome: "FAILED" as const, message: "expected 400, got 500" },
  ];
  const alice = await createInvitation(db.prisma, { name: "Alice Reviewed", assessmentId: assessment.id, jobDescriptionId: jd.id, createdById: users.recruiter.id });
  ids.alice = alice.id;
  for (const [attempt, source] of [[1, serverV1], [2, serverV2]] as const) {
    const archive = await makeZip(path.join(dir, `alice-${attempt}.zip`), [
      { name: "solution/README.md", content: README },
      { name: "solution/src/server.js", content: source },
      { name: "solution/package.json", content: '{"scripts":{"start":"node src/server.js"}}' },
      { name: "solution/package-lock.json", content: "{}" },
      { name: "solution/node_modules/left-pad/index.js", content: "module.exports = 1;" },
    ]);
    const row = await createAttempt(db.prisma, alice.id, attempt, { createdAt: new Date(Date.now() - (3 - attempt) * 60_000), tests });
    await db.prisma.submission.update({ where: { id: row.id }, data: { archivePath: archive } });
  }
  const bob = await createInvitation(db.prisma, { name: "Bob Compared", assessmentId: assessment.id, jobDescriptionId: jd.id, createdById: users.recruiter.id });
  ids.bob = bob.id;
  await createAttempt(db.prisma, bob.id, 1, { tests });
  app = await startAppServer({ DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL! });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const axeSource = () => readFileSync(path.resolve("node_modules/axe-core/axe.min.js"), "utf8");

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource());
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run();
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

async function logIn(page: Page, email = managerEmail): Promise<void> {
  await signIn(page, app.url, email, PASSWORD);
}

describe("a hiring manager reviews the code", () => {
  it("reads, comments, rates honestly, submits; compare and PDF agree", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await logIn(page);
    await page.goto(`${app.url}/scorecards/${ids.alice}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Alice Reviewed");

    await page.getByRole("link", { name: "Read the code" }).click();
    await page.waitForURL(/\/code\?attempt=2$/);
    const readme = page.locator(".code-readme");
    expect(await readme.locator("h3").textContent()).toBe("Inventory API");
    expect(await readme.locator("script, img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
    const tree = page.getByRole("navigation", { name: "Files" });
    expect(await tree.textContent()).toContain("node_modules/ (1 file, collapsed)");
    expect(await tree.textContent()).toContain("package-lock.json (lockfile)");

    await tree.getByRole("link", { name: "server.js" }).click();
    await page.waitForURL(/file=src%2Fserver\.js/);
    expect(await page.locator("#L4 code").textContent()).toContain("res.setHeader");
    expect(await page.locator("#L4 .hljs-string").count()).toBeGreaterThan(0);

    await page.getByRole("link", { name: "Line 4", exact: true }).click();
    await page.waitForURL(/line=4#L4$/);
    await page.getByLabel("Comment on line 4").fill("Sets the content type only on this route; other routes answer text/plain.");
    await Promise.all([page.waitForURL(/#L4$/), page.getByRole("button", { name: "Add comment" }).nth(1).click()]);
    expect(await page.locator("#L4 .code-comments").textContent()).toContain("Sets the content type only on this route");

    await page.getByRole("link", { name: "Changes since attempt 1" }).click();
    await page.waitForURL(/diff=previous/);
    expect(await page.locator(".code-changes").textContent()).toContain("src/server.js");
    expect(await page.locator(".diff-add").first().textContent()).toContain('+  res.setHeader("content-type", "application/json");');
    expect(await page.locator(".code-changes").textContent()).not.toContain("README.md");
    await screenshot(page, "reviewer-diff");

    await page.getByRole("link", { name: /Scorecard of Alice Reviewed/ }).click();
    await page.waitForURL(new RegExp(`/scorecards/${ids.alice}\\?attempt=2$`));
    const rate = (competency: string) => page.locator(`fieldset[data-rate="${competency}"]`);
    expect(await rate("api-design").textContent()).toContain("rating required");
    expect(await rate("caching").textContent()).toContain("optional");
    expect(await rate("api-design").textContent()).toContain("Meets the junior expectation");
    // Submitting with a tested competency unrated is refused and says why.
    await page.locator('fieldset:has(legend:text-is("Overall recommendation")) input[value="YES"]').check();
    await Promise.all([page.waitForLoadState("networkidle"), page.getByRole("button", { name: "Submit review" }).click()]);
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("nothing was submitted");
    await rate("api-design").locator('input[value="YES"]').check();
    await rate("security").locator('input[value="NO"]').check();
    expect(await rate("caching").locator('input[value="NOT_ASSESSED"]').isChecked()).toBe(true);
    await page.locator('fieldset:has(legend:text-is("Overall recommendation")) input[value="YES"]').check();
    await page.getByRole("button", { name: "Submit review" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Your review has been submitted.");
    const review = page.locator("article.card").first();
    expect(await review.locator('[data-rating-of="caching"]').textContent()).toContain("Not assessed");
    expect(await review.locator('[data-rating-of="api-design"]').textContent()).toContain("Yes");
    expect(await review.textContent()).toContain("src/server.js:4");

    await page.goto(`${app.url}/compare?ids=${ids.alice},${ids.bob}`);
    const compare = await page.locator(".sc-compare").textContent();
    expect(compare).toContain("Ratings: Yes");
    expect(compare).toContain("Ratings: Not assessed");
    expect(compare).not.toMatch(/Caching[^]*Ratings: (Strong no|No|Yes|Strong yes)\b[^]*Bob/);

    const pdf = await page.request.get(`${app.url}/scorecards/${ids.alice}/scorecard.pdf`);
    expect(pdf.status()).toBe(200);
    const file = path.join(dir, "alice.pdf");
    writeFileSync(file, await pdf.body());
    expect(pageCount(file)).toBeLessThanOrEqual(3);
    expect(overlappingWords(wordBoxes(file))).toEqual([]);
    const content = execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(content).toContain("Not assessed");
    expect(content).toContain("src/server.js:4");
    expect(content).toContain("Sets the content type only on this route");
    for (const name of ["API design (catalog)", "Application security (catalog)"]) expect(content).toContain(name);

    const archive = await page.request.get(`${app.url}/scorecards/${ids.alice}/archive?attempt=1`);
    expect(archive.status()).toBe(200);
    expect(archive.headers()["content-disposition"]).toBe('attachment; filename="alice-reviewed-junior-scorecard-attempt-1.zip"');
    expect(Buffer.compare(await archive.body(), readFileSync(path.join(dir, "alice-1.zip")))).toBe(0);
    await context.close();
  });

  it("keeps a reviewer's code comments from colleagues who have not submitted yet", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await logIn(page, colleagueEmail);
    await page.goto(`${app.url}/scorecards/${ids.alice}/code?attempt=2&file=src%2Fserver.js`);
    expect(await page.locator("#L4").textContent()).not.toContain("Sets the content type");
    expect(await page.getByLabel("Comment on this file").count()).toBe(1);
    await context.close();
  });

  it.each([
    ["desktop", 1280],
    ["phone", 390],
  ] as const)("has no serious axe violations (%s)", async (label, width) => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await logIn(page);
    const pages = {
      scorecard: `/scorecards/${ids.alice}`,
      code: `/scorecards/${ids.alice}/code?attempt=2&file=src%2Fserver.js&line=4`,
      readme: `/scorecards/${ids.alice}/code`,
      diff: `/scorecards/${ids.alice}/code?attempt=2&diff=previous`,
      compare: `/compare?ids=${ids.alice},${ids.bob}`,
      list: "/submissions",
    };
    for (const [name, url] of Object.entries(pages)) {
      await page.goto(`${app.url}${url}`);
      expect(await seriousViolations(page), `${name} at ${width}px`).toEqual([]);
      if (width === 390) {
        // Nothing but scroll boxes may be wider than the phone's screen.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(overflow, `${name} page width at 390px`).toBeLessThanOrEqual(390);
      }
      await screenshot(page, `reviewer-${name}-${label}`);
    }
    await context.close();
  });
});
