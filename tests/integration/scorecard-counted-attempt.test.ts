// The attempt that counts is the latest graded one, on every reviewer screen: a later attempt
// that ended in an error on our side must not blank the list, the CSV, the comparison or the
// scorecard headline.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { HttpSession } from "../support/http-session";
import { PASSWORD, createAssessmentAndJd, createAttempt, createInvitation, createUsers, type TestSpec } from "./scorecard-fixtures";

let db: TestDatabase;
let app: AppServer;
let manager: HttpSession;
let recruiter: HttpSession;
const ids: Record<string, string> = {};

// With the fixture weights (api-design 60, security 40): 0.6 + 0.4 × 1/2 = 80 % and 0 + 0.4 = 40 %.
const EIGHTY: TestSpec[] = [
  { testId: "create-note", competencyId: "api-design", points: 2, outcome: "PASSED" },
  { testId: "rejects-injection", competencyId: "security", points: 1, outcome: "PASSED" },
  { testId: "hides-secrets", competencyId: "security", points: 1, outcome: "FAILED" },
];
const FORTY: TestSpec[] = [
  { testId: "create-note", competencyId: "api-design", points: 2, outcome: "FAILED" },
  { testId: "rejects-injection", competencyId: "security", points: 1, outcome: "PASSED" },
  { testId: "hides-secrets", competencyId: "security", points: 1, outcome: "PASSED" },
];

beforeAll(async () => {
  db = await createTestDatabase();
  const users = await createUsers(db.prisma);
  const { assessment, jd } = await createAssessmentAndJd(db.prisma, users.recruiter.id);
  const invite = (name: string) => createInvitation(db.prisma, { name, assessmentId: assessment.id, jobDescriptionId: jd.id, createdById: users.recruiter.id });
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

  const errored = await invite("Erin Errored");
  ids.errored = errored.id;
  await createAttempt(db.prisma, errored.id, 1, { createdAt: minutesAgo(30), tests: EIGHTY });
  const ours = await createAttempt(db.prisma, errored.id, 2, { createdAt: minutesAgo(20), status: "QUEUED" });
  await db.prisma.submission.update({ where: { id: ours.id }, data: { status: "ERROR", failureReason: "the grading host lost its Docker connection" } });

  const regraded = await invite("Gus Graded");
  ids.regraded = regraded.id;
  await createAttempt(db.prisma, regraded.id, 1, { createdAt: minutesAgo(30), tests: EIGHTY });
  await createAttempt(db.prisma, regraded.id, 2, { createdAt: minutesAgo(20), tests: FORTY });

  const queued = await invite("Quinn Queued");
  ids.queued = queued.id;
  await createAttempt(db.prisma, queued.id, 1, { createdAt: minutesAgo(30), tests: FORTY });
  await createAttempt(db.prisma, queued.id, 2, { createdAt: minutesAgo(10), status: "QUEUED" });

  const ungraded = await invite("Una Ungraded");
  ids.ungraded = ungraded.id;
  await createAttempt(db.prisma, ungraded.id, 1, { createdAt: minutesAgo(30), status: "FAILED", failureReason: "never became ready" });
  await createAttempt(db.prisma, ungraded.id, 2, { createdAt: minutesAgo(10), status: "QUEUED" });

  app = await startAppServer({ DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL! });
  manager = new HttpSession(app.url);
  expect((await manager.login(users.manager1.email, PASSWORD)).status).toBe(302);
  recruiter = new HttpSession(app.url);
  expect((await recruiter.login(users.recruiter.email, PASSWORD)).status).toBe(302);
});

afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

const text = (html: string) => html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ");
const page = async (session: HttpSession, pathname: string) => {
  const response = await session.get(pathname);
  expect(response.status).toBe(200);
  return text(await response.text());
};

describe("the counted attempt", () => {
  it("is what the submissions list shows, falling back to the latest attempt when none is graded", async () => {
    const list = await page(manager, "/submissions?pageSize=100");
    expect(list).toMatch(/Erin Errored .*? GRADED 80 % 1 of 2/);
    expect(list).toMatch(/Gus Graded .*? GRADED 40 % 2 of 2/);
    expect(list).toMatch(/Quinn Queued .*? GRADED 40 % 1 of 2/);
    expect(list).toMatch(/Una Ungraded .*? QUEUED — 2 of 2/);
    // Filters read the counted attempt too.
    expect(await page(manager, "/submissions?minScore=75")).toContain("Erin Errored");
  });

  it("is what the CSV exports", async () => {
    const response = await recruiter.get("/submissions.csv");
    expect(response.status).toBe(200);
    const [header, ...rows] = parse((await response.text()).replace(/^\uFEFF/, "")) as string[][];
    const at = (name: string, column: string) => rows.find((row) => row[0] === name)![header.indexOf(column)];
    expect([at("Erin Errored", "Counted attempt"), at("Erin Errored", "Status"), at("Erin Errored", "Score (%)")]).toEqual(["1", "GRADED", "80"]);
    expect([at("Gus Graded", "Counted attempt"), at("Gus Graded", "Score (%)")]).toEqual(["2", "40"]);
    expect([at("Quinn Queued", "Counted attempt"), at("Quinn Queued", "Score (%)")]).toEqual(["1", "40"]);
    expect(at("Erin Errored", "API design (catalog) (%)")).toBe("100");
  });

  it("is what the comparison puts side by side", async () => {
    const compare = await page(manager, `/compare?ids=${ids.errored},${ids.regraded},${ids.queued}`);
    expect(compare).toMatch(/Overall score 80 % \(attempt 1\) 40 % \(attempt 2\) 40 % \(attempt 1\)/);
    expect(compare).toMatch(/API design \(catalog\) 100 % · Required 0 % · Required 0 % · Required/);
  });

  it("is the scorecard's default attempt, marked in the attempts table", async () => {
    const errored = await page(manager, `/scorecards/${ids.errored}`);
    expect(errored).toContain("Attempt 1 of 2 · GRADED Overall score 80 %");
    expect(errored).toContain("Attempt 1 (shown) · This attempt counts");
    expect(errored).not.toContain("This attempt did not complete grading");
    const regraded = await page(manager, `/scorecards/${ids.regraded}`);
    expect(regraded).toContain("Attempt 2 of 2 · GRADED Overall score 40 %");
    expect(regraded).toContain("Attempt 2 (shown) · This attempt counts");
    // The errored attempt is still there on request, and the table still says which one counts.
    const later = await page(manager, `/scorecards/${ids.errored}?attempt=2`);
    expect(later).toContain("Attempt 2 of 2 · ERROR");
    expect(later).toContain("View attempt 1 · This attempt counts");
    const ungraded = await page(manager, `/scorecards/${ids.ungraded}`);
    expect(ungraded).toContain("Attempt 2 (shown) · This attempt counts");
  });
});
