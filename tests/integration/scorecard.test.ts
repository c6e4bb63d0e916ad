import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "~/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { HttpSession } from "../support/http-session";
import { launchBrowser, screenshot } from "../support/browser";
import { PASSWORD, createAssessmentAndJd, createAttempt, createInvitation, createUsers } from "./scorecard-fixtures";

let db: TestDatabase;
let app: AppServer;
let users: Awaited<ReturnType<typeof createUsers>>;
const ids: Record<string, string> = {};
const sessions: Record<string, HttpSession> = {};
const INJECTION = "=HYPERLINK(\"http://evil.example\",\"x\")";

const evidence = [
  {
    request: { method: "POST", url: "http://127.0.0.1:3000/notes", headers: { "content-type": "application/json" }, body: '{"title":"hidden probe"}' },
    response: { status: 500, headers: { "content-type": "text/plain" }, body: "boom from the candidate server" },
  },
];

beforeAll(async () => {
  db = await createTestDatabase();
  users = await createUsers(db.prisma);
  const { assessment, jd } = await createAssessmentAndJd(db.prisma, users.recruiter.id);
  const invite = (name: string, withJd = true) =>
    createInvitation(db.prisma, { name, assessmentId: assessment.id, jobDescriptionId: withJd ? jd.id : undefined, createdById: users.recruiter.id });
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

  const alice = await invite("Alice Żółć");
  ids.alice = alice.id;
  await createAttempt(db.prisma, alice.id, 1, { createdAt: minutesAgo(50), tests: [{ testId: "create-note", competencyId: "api-design", points: 2, outcome: "FAILED" }, { testId: "rejects-injection", competencyId: "security", points: 1, outcome: "PASSED" }] });
  await createAttempt(db.prisma, alice.id, 2, {
    createdAt: minutesAgo(40),
    tests: [
      { testId: "create-note", competencyId: "api-design", points: 2, outcome: "PASSED" },
      { testId: "hidden-validation", competencyId: "api-design", points: 2, outcome: "FAILED", visibility: "HIDDEN", message: "expected 400, got 500", evidence },
      { testId: "rejects-injection", competencyId: "security", points: 1, outcome: "PASSED", visibility: "HIDDEN" },
    ],
  });
  const bob = await invite("Bob Brown");
  ids.bob = bob.id;
  await createAttempt(db.prisma, bob.id, 1, { createdAt: minutesAgo(30), tests: [{ testId: "create-note", competencyId: "api-design", points: 2, outcome: "PASSED" }, { testId: "s", competencyId: "security", points: 1, outcome: "FAILED" }] });
  const carol = await invite("Carol Crash", false);
  ids.carol = carol.id;
  await createAttempt(db.prisma, carol.id, 1, { createdAt: minutesAgo(20), status: "FAILED", failureReason: "never became ready on port 3000 within 20 s" });
  const mallory = await invite(INJECTION);
  ids.mallory = mallory.id;
  await createAttempt(db.prisma, mallory.id, 1, { createdAt: minutesAgo(10), tests: [{ testId: "create-note", competencyId: "api-design", points: 2, outcome: "FAILED" }, { testId: "s", competencyId: "security", points: 1, outcome: "PASSED" }] });
  ids.noSubmission = (await invite("Nora None")).id;
  // Eleven candidates with equal scores and timestamps: paging must still be stable.
  const same = minutesAgo(100);
  for (let n = 1; n <= 11; n++) {
    const bulk = await invite(`Bulk ${String(n).padStart(2, "0")}`);
    await createAttempt(db.prisma, bulk.id, 1, { createdAt: same, tests: [{ testId: "x", competencyId: "security", points: 1, outcome: "FAILED" }] });
  }

  app = await startAppServer({ DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL! });
  for (const [key, user] of Object.entries(users)) {
    sessions[key] = new HttpSession(app.url);
    expect((await sessions[key].login(user.email, PASSWORD)).status).toBe(302);
  }
});

afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

const scorecardLinks = (html: string) => [...html.matchAll(/href="\/scorecards\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
const text = (html: string) => html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/\s+/g, " ");

describe("submissions list", () => {
  it("shows one row per invitation with its latest attempt, newest first by default", async () => {
    const response = await sessions.manager1.get("/submissions?pageSize=100");
    expect(response.status).toBe(200);
    const html = await response.text();
    const links = scorecardLinks(html);
    expect(links).toHaveLength(15);
    expect(links.slice(0, 4)).toEqual([ids.mallory, ids.carol, ids.bob, ids.alice]);
    expect(links).not.toContain(ids.noSubmission);
    expect(text(html)).toContain("Alice Żółć");
    expect(text(html)).toMatch(/Alice Żółć.*?70 %.*?2 of 2/);
  });

  it("filters by status, score, JD and assessment", async () => {
    const failed = scorecardLinks(await (await sessions.manager1.get("/submissions?status=FAILED")).text());
    expect(failed).toEqual([ids.carol]);
    const scored = scorecardLinks(await (await sessions.manager1.get("/submissions?minScore=60&maxScore=95&sort=score&dir=asc")).text());
    expect(scored).toEqual([ids.bob, ids.alice]);
    const jd = await db.prisma.jobDescription.findFirstOrThrow();
    const withJd = scorecardLinks(await (await sessions.manager1.get(`/submissions?jd=${jd.id}&pageSize=100`)).text());
    expect(withJd).toHaveLength(14);
    expect(withJd).not.toContain(ids.carol);
    expect(scorecardLinks(await (await sessions.manager1.get("/submissions?assessment=nope")).text())).toEqual([]);
  });

  it("sorts by score with ungraded rows last and by candidate name", async () => {
    const byScore = scorecardLinks(await (await sessions.manager1.get("/submissions?sort=score&dir=desc&pageSize=100")).text());
    expect(byScore.slice(0, 3)).toEqual([ids.alice, ids.bob, ids.mallory]);
    expect(byScore.at(-1)).toBe(ids.carol);
    const byName = text(await (await sessions.manager1.get("/submissions?sort=candidate&dir=asc&pageSize=100")).text());
    expect(byName.indexOf("Alice")).toBeLessThan(byName.indexOf("Bob Brown"));
    expect(byName.indexOf("Bulk 11")).toBeLessThan(byName.indexOf("Carol"));
  });

  it("pages with a stable order even when sort keys tie", async () => {
    const page1 = scorecardLinks(await (await sessions.manager1.get("/submissions?sort=score&dir=asc&pageSize=10&page=1")).text());
    const page2 = scorecardLinks(await (await sessions.manager1.get("/submissions?sort=score&dir=asc&pageSize=10&page=2")).text());
    expect(page1).toHaveLength(10);
    expect(page2).toHaveLength(5);
    expect(new Set([...page1, ...page2]).size).toBe(15);
    const again = scorecardLinks(await (await sessions.manager1.get("/submissions?sort=score&dir=asc&pageSize=10&page=1")).text());
    expect(again).toEqual(page1);
  });

  it("answers bad filters with 400 and says what is wrong", async () => {
    const response = await sessions.manager1.get("/submissions?minScore=150&status=DONE");
    expect(response.status).toBe(400);
    const html = text(await response.text());
    expect(html).toContain("Minimum score must be between 0 and 100");
    expect(html).toContain("Choose a status from the list");
  });
});

describe("CSV export", () => {
  it("exports the filtered list with escaping and formula-injection protection", async () => {
    const response = await sessions.recruiter.get("/submissions.csv?sort=score&dir=desc&minScore=1");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="submissions-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.subarray(3).toString("utf8"), { relax_column_count: false }) as string[][];
    const header = rows[0];
    expect(header.slice(0, 11)).toEqual([
      "Candidate", "Email", "Assessment", "Job description", "Counted attempt", "Attempts", "Status", "Score (%)", "Submitted at (UTC)", "Similarity flag", "Scorecard",
    ]);
    // One column per competency score (catalog names), then per reviewer: recommendation and each rating.
    expect(header).toEqual(expect.arrayContaining(["API design (catalog) (%)", "Application security (catalog) (%)"]));
    expect(rows).toHaveLength(4);
    const column = (name: string) => header.indexOf(name);
    const [alice, bob, mallory] = rows.slice(1);
    expect(alice.slice(0, 7)).toEqual(["Alice Żółć", alice[1], "Junior notes API", "Junior Backend Developer", "2", "2", "GRADED"]);
    expect(alice[column("Score (%)")]).toBe("70");
    expect(alice[column("API design (catalog) (%)")]).toBe("50");
    expect(alice[column("Similarity flag")]).toBe("not checked");
    expect(bob.slice(0, 8)).toEqual(["Bob Brown", "bobbrown@candidate.test", "Junior notes API", "Junior Backend Developer", "1", "1", "GRADED", "60"]);
    expect(mallory[0]).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(mallory[column("Scorecard")]).toBe(`${app.url}/scorecards/${ids.mallory}`);
    // Every text cell is quoted; a formula never starts a cell or follows a ; , tab or line break.
    const raw = bytes.subarray(3).toString("utf8");
    expect(raw.split("\r\n")[0].startsWith('"Candidate","Email"')).toBe(true);
    for (const piece of raw.split(/[;,\t\r\n]/)) expect(piece.replace(/^"/, "")).not.toMatch(/^[=+@]/);
  });

  it("refuses invalid filters", async () => {
    const response = await sessions.recruiter.get("/submissions.csv?pageSize=7");
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Page size must be one of 10, 25, 50, 100");
  });
});

describe("scorecard page", () => {
  it("shows per-competency numbers that match the test results, against the JD", async () => {
    const response = await sessions.recruiter.get(`/scorecards/${ids.alice}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const results = await db.prisma.testResult.findMany({ where: { submission: { invitationId: ids.alice, attempt: 2 } } });
    for (const competency of ["api-design", "security"]) {
      const rows = results.filter((r) => r.competencyId === competency);
      const possible = rows.reduce((sum, r) => sum + r.points, 0);
      const earned = rows.filter((r) => r.outcome === "PASSED").reduce((sum, r) => sum + r.points, 0);
      const row = new RegExp(`<tr data-competency="${competency}">(.*?)</tr>`).exec(html)![1];
      expect(text(row)).toContain(`${Math.round((earned / possible) * 100)} %`);
      expect(text(row)).toContain(`${earned} / ${possible}`);
    }
    const page = text(html);
    expect(page).toContain("Overall score 70 %");
    expect(page).toContain("API design (catalog)");
    expect(page).toContain("Designs small REST endpoints with guidance");
    expect(page).toContain("Design clear HTTP APIs");
    expect(page).toMatch(/Database design \(catalog\) not tested/);
    expect(page).toContain("The JD requires Database design (catalog), but the assessment has no test for it.");
    expect(page).toContain("The assessment tests Application security (catalog), which the JD never mentions.");
    expect(html).toMatch(/<svg[^>]*aria-hidden="true"/);
    expect(page).toContain("Test hidden-validation");
    expect(page).toContain("expected 400, got 500");
    expect(page).toContain("boom from the candidate server");
    expect(page).toContain("build output for attempt 2");
    expect(page).toMatch(/tests 1\.3 s/);
    expect(page).toMatch(/View attempt 1 .*? 40 %/);
  });

  it("places the candidate among those graded on the same assessment version", async () => {
    const bulk = await db.prisma.submission.findMany({ where: { invitation: { candidateName: { startsWith: "Bulk" } } }, select: { id: true } });
    const provenance = (version: string) => ({ assessment: { slug: "fixture", version, contentHash: version.repeat(8) }, image: null, runtimeImage: null, host: "test", latencyScale: 1, contention: null });
    // Twelve graded on version 1 (Bob and eleven bulk candidates), only Bob's own result on version 2.
    await db.prisma.submission.updateMany({ where: { id: { in: bulk.map((b) => b.id) } }, data: { gradingProvenance: provenance("1") } });
    const bob = await db.prisma.submission.findFirstOrThrow({ where: { invitationId: ids.bob } });
    await db.prisma.submission.update({ where: { id: bob.id }, data: { gradingProvenance: provenance("2") } });
    try {
      expect(text(await (await sessions.manager1.get(`/scorecards/${ids.bob}`)).text())).toContain("Percentile shown from 5 graded candidates; 1 so far.");
      await db.prisma.submission.update({ where: { id: bob.id }, data: { gradingProvenance: provenance("1") } });
      expect(text(await (await sessions.manager1.get(`/scorecards/${ids.bob}`)).text())).toMatch(/percentile among 12 candidates graded on this assessment version/);
    } finally {
      await db.prisma.submission.updateMany({ where: { OR: [{ id: bob.id }, { id: { in: bulk.map((b) => b.id) } }] }, data: { gradingProvenance: Prisma.DbNull } });
    }
  });

  it("shows an earlier attempt on request and 404s for unknown ones", async () => {
    const page = text(await (await sessions.manager1.get(`/scorecards/${ids.alice}?attempt=1`)).text());
    expect(page).toContain("Attempt 1 of 2");
    expect(page).toContain("build output for attempt 1");
    expect(page).not.toContain("Test hidden-validation");
    expect((await sessions.manager1.get(`/scorecards/${ids.alice}?attempt=9`)).status).toBe(404);
    expect((await sessions.manager1.get(`/scorecards/${ids.alice}?attempt=x`)).status).toBe(400);
    expect((await sessions.manager1.get("/scorecards/00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });

  it("shows why a failed attempt has no score", async () => {
    const page = text(await (await sessions.manager1.get(`/scorecards/${ids.carol}`)).text());
    expect(page).toContain("never became ready on port 3000 within 20 s");
    expect(page).toContain("No job description linked");
  });
});

describe("reviews", () => {
  const complete = { "rating.api-design": "YES", "rating.security": "STRONG_YES", "rating.database-design": "NO", "rating.caching": "YES", recommendation: "YES" };

  it("keeps reviewers blind until they submit, refuses incomplete submits and audits every change", async () => {
    const url = `/scorecards/${ids.bob}`;
    const draft = await sessions.manager1.post(url, { intent: "save", "rating.api-design": "STRONG_YES", "note.api-design": "Mona's secret note" });
    expect(draft.status).toBe(200);
    expect(text(await draft.text())).toContain("Your draft has been saved.");
    expect(text(await (await sessions.manager2.get(url)).text())).not.toContain("Mona's secret note");

    const incomplete = await sessions.manager1.post(url, { intent: "submit", "rating.api-design": "STRONG_YES" });
    expect(incomplete.status).toBe(400);
    const incompleteText = text(await incomplete.text());
    expect(incompleteText).toContain("Rate Application security (catalog) before submitting");
    expect(incompleteText).toContain("Give an overall recommendation before submitting");
    expect((await db.prisma.review.findFirstOrThrow({ where: { reviewerId: users.manager1.id } })).submittedAt).toBeNull();

    const submitted = await sessions.manager1.post(url, { intent: "submit", ...complete, "note.api-design": "Mona's secret note" });
    expect(submitted.status).toBe(200);

    const blind = text(await (await sessions.manager2.get(url)).text());
    expect(blind).not.toContain("Mona's secret note");
    expect(blind).toContain("1 colleague has submitted a review");
    const recruiterView = text(await (await sessions.recruiter.get(url)).text());
    expect(recruiterView).toContain("Mona's secret note");

    expect((await sessions.manager2.post(url, { intent: "submit", ...complete, recommendation: "STRONG_NO", notes: "Milo thinks no" })).status).toBe(200);
    const unlocked = text(await (await sessions.manager2.get(url)).text());
    expect(unlocked).toContain("Mona's secret note");
    expect(unlocked).toContain("Mona Manager: Yes");
    expect(text(await (await sessions.manager1.get(url)).text())).toContain("Milo thinks no");

    const again = await sessions.manager1.post(url, { intent: "save", ...complete, recommendation: "NO" });
    expect(again.status).toBe(409);
    expect(text(await again.text())).toContain("submitted reviews cannot be changed");

    const audits = await db.prisma.auditLog.findMany({ where: { entityType: "Review" }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => [a.actorId, a.action])).toEqual([
      [users.manager1.id, "review.create"],
      [users.manager1.id, "review.submit"],
      [users.manager2.id, "review.submit"],
    ]);
    const submitChanges = (audits[1].data as { invitationId: string; changes: { field: string }[] });
    expect(submitChanges.invitationId).toBe(ids.bob);
    expect(submitChanges.changes.map((c) => c.field)).toEqual(expect.arrayContaining(["recommendation", "rating.security"]));
    const ratings = await db.prisma.competencyRating.findMany({ where: { review: { reviewerId: users.manager2.id } } });
    expect(ratings).toHaveLength(4);
  });

  it("refuses reviews from roles without the permission and bad ratings", async () => {
    const url = `/scorecards/${ids.alice}`;
    expect((await sessions.recruiter.post(url, { intent: "save", "rating.api-design": "YES" })).status).toBe(403);
    const bad = await sessions.admin.post(url, { intent: "save", "rating.api-design": "MAYBE" });
    expect(bad.status).toBe(400);
    expect(text(await bad.text())).toContain("Choose strong no, no, yes, strong yes or not assessed");
    expect(await db.prisma.review.count({ where: { scorecard: { invitationId: ids.alice } } })).toBe(0);
    const anonymous = await new HttpSession(app.url).get(url);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("CSV export after reviews", () => {
  it("carries each reviewer's recommendation and ratings, one row per candidate", async () => {
    const response = await sessions.recruiter.get("/submissions.csv?sort=score&dir=desc&minScore=1");
    const rows = parse(Buffer.from(await response.arrayBuffer()).subarray(3).toString("utf8")) as string[][];
    const header = rows[0];
    expect(header).toEqual(expect.arrayContaining(["Mona Manager: recommendation", "Mona Manager: Caching", "Milo Manager: Application security (catalog)"]));
    const column = (name: string) => header.indexOf(name);
    const bob = rows.find((row) => row[0] === "Bob Brown")!;
    const alice = rows.find((row) => row[0] === "Alice Żółć")!;
    expect(bob[column("Mona Manager: recommendation")]).toBe("Yes");
    expect(bob[column("Milo Manager: recommendation")]).toBe("Strong no");
    expect(bob[column("Mona Manager: Application security (catalog)")]).toBe("Strong yes");
    expect(alice[column("Mona Manager: recommendation")]).toBe("");
    expect(new Set(rows.slice(1).map((row) => row[column("Scorecard")])).size).toBe(rows.length - 1);
  });
});

describe("compare", () => {
  it("shows two to five candidates side by side", async () => {
    const response = await sessions.manager1.get(`/compare?ids=${ids.alice},${ids.bob}&ids=${ids.mallory}`);
    expect(response.status).toBe(200);
    const page = text(await response.text());
    expect(page).toMatch(/Overall score 70 % \(attempt 2\) 60 % \(attempt 1\) 40 % \(attempt 1\)/);
    expect(page).toMatch(/API design \(catalog\) 50 % · Required 100 % · Required Ratings: Yes, Yes 0 % · Required/);
    // Reviewers' ratings sit beside the scores, including where no test measured anything.
    expect(page).toMatch(/Database design \(catalog\) not tested · Required not tested · Required Ratings: No, No/);
    expect(page).toContain("1 × Yes, 1 × Strong no");
  });

  it("refuses fewer than two or more than five", async () => {
    const one = await sessions.manager1.get(`/compare?ids=${ids.alice}`);
    expect(one.status).toBe(400);
    expect(text(await one.text())).toContain("Choose at least 2 candidates to compare");
    const all = await db.prisma.invitation.findMany({ take: 6, select: { id: true } });
    const six = await sessions.manager1.get(`/compare?ids=${all.map((i) => i.id).join(",")}`);
    expect(six.status).toBe(400);
    expect(text(await six.text())).toContain("Compare at most 5 candidates at a time");
  });
});

describe("PDF export", () => {
  it("exports a PDF with the candidate, competencies and scores", async () => {
    const response = await sessions.manager2.get(`/scorecards/${ids.bob}/scorecard.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="scorecard-bob-brown-attempt-1.pdf"');
    const dir = mkdtempSync(path.join(tmpdir(), "scorecard-pdf-"));
    try {
      const file = path.join(dir, "card.pdf");
      writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      const content = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
      for (const expected of ["Bob Brown", "Junior notes API", "API design (catalog)", "Application security (catalog)", "60 %", "100 %", "0 %", "Milo thinks no", "Page 1 of"]) {
        expect(content).toContain(expected);
      }
      const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
      expect(info).toMatch(/Title:\s+Scorecard: Bob Brown/);
      expect(info).toMatch(/Author:\s+Hirekit/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("renders non-Latin names and 404s for unknown invitations", async () => {
    const response = await sessions.admin.get(`/scorecards/${ids.alice}/scorecard.pdf?attempt=2`);
    expect(response.status).toBe(200);
    const dir = mkdtempSync(path.join(tmpdir(), "scorecard-pdf-"));
    try {
      const file = path.join(dir, "card.pdf");
      writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      expect(execFileSync("pdftotext", [file, "-"], { encoding: "utf8" })).toContain("Alice Żółć");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect((await sessions.admin.get("/scorecards/00000000-0000-4000-8000-000000000000/scorecard.pdf")).status).toBe(404);
  });
});

describe("accessibility", () => {
  it("has no serious or critical axe-core violations on the list, scorecard and compare pages", async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${app.url}/login`);
      await page.fill("#email", users.manager2.email);
      await page.fill("#password", PASSWORD);
      await Promise.all([page.waitForURL(/\/dashboard/), page.click("button[type=submit]")]);
      const axeSource = readFileSync(path.resolve("node_modules/axe-core/axe.min.js"), "utf8");
      const pages = {
        "scorecard-list": "/submissions",
        "scorecard-page": `/scorecards/${ids.alice}`,
        "scorecard-compare": `/compare?ids=${ids.alice},${ids.bob}`,
      };
      for (const [name, url] of Object.entries(pages)) {
        await page.goto(`${app.url}${url}`);
        await page.evaluate(axeSource);
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
          const result = await axe.run();
          return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        });
        await screenshot(page, name);
        expect(violations, name).toEqual([]);
      }
    } finally {
      await browser.close();
    }
  });
});
