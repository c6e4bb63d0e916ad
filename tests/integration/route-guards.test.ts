import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/lib/password.server";
import { can, ROLES, type Permission, type RoleName } from "~/lib/permissions";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { HttpSession } from "../support/http-session";
import { concretePath, ROUTE_RULES, type RouteRule } from "./route-access";
import { databaseArchiveStore } from "../../runner/contract/archive-store";
import { zipBytes } from "./candidate-fixtures";
import { createAssessmentAndJd, createAttempt, createInvitation } from "./scorecard-fixtures";

let db: TestDatabase;
let app: AppServer;
const sessions = new Map<RoleName, HttpSession>();
/** Records the rules' paths name: an allowed role must find them (a 404 fails the test). */
let records: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  app = await startAppServer({ DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL! });
  for (const role of ROLES) {
    const email = `${role.toLowerCase()}@guards.test`;
    await db.prisma.user.create({ data: { email, name: role, role, passwordHash: await hashPassword("guard-password-1") } });
    const session = new HttpSession(app.url);
    expect((await session.login(email, "guard-password-1")).status).toBe(302);
    sessions.set(role, session);
  }
  const admin = await db.prisma.user.findFirstOrThrow({ where: { role: "ADMIN" } });
  const { assessment, jd } = await createAssessmentAndJd(db.prisma, admin.id);
  await db.prisma.jobDescription.update({ where: { id: jd.id }, data: { status: "PUBLISHED", publishedAt: new Date() } });
  const invitation = await createInvitation(db.prisma, { name: "Guard Candidate", assessmentId: assessment.id, jobDescriptionId: jd.id, createdById: admin.id });
  const attempt = await createAttempt(db.prisma, invitation.id, 1, { tests: [{ testId: "t1", competencyId: "api-design", points: 1, outcome: "PASSED" }] });
  // The code view and the archive download read the stored upload, so the attempt gets a real one.
  const archives = databaseArchiveStore(db.prisma);
  const archive = await zipBytes({ "package.json": JSON.stringify({ scripts: { start: "node server.js" } }), "server.js": "console.log('hi')\n" });
  await db.prisma.$transaction((tx) => archives.put(tx, attempt.id, archive));
  await db.prisma.submission.update({ where: { id: attempt.id }, data: { archivePath: archives.reference(attempt.id) } });
  const item = await db.prisma.catalogItem.create({ data: { kind: "RESPONSIBILITY", text: "Designs APIs", competencyId: "api-design", levels: ["JUNIOR"] } });
  const webhook = await db.prisma.webhookSubscription.create({
    data: { url: "https://hooks.example.com/hirekit", events: ["submission.graded"], secret: "guard-secret", createdById: admin.id },
  });
  records = { jd: jd.id, invitation: invitation.id, item: item.id, webhook: webhook.id, jobSlug: jd.slug };
});

afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

function routeFiles(): string[] {
  return readdirSync("app/routes").filter((file) => /\.(tsx?|jsx?)$/.test(file) && !file.includes(".test."));
}

describe("route guards", () => {
  it("has a stated access rule for every route file", () => {
    const ruled = new Set(ROUTE_RULES.map((rule) => rule.file));
    expect(routeFiles().filter((file) => !ruled.has(file))).toEqual([]);
  });

  const send = (session: HttpSession, rule: RouteRule) => {
    const path = concretePath(rule.path, records);
    return rule.method === "POST" ? session.post(path, {}) : session.get(path);
  };

  for (const rule of ROUTE_RULES) {
    it(`${rule.method ?? "GET"} ${rule.path} is ${rule.access}`, async () => {
      const anonymous = await send(new HttpSession(app.url), rule);
      if (rule.access === "public" || rule.access === "anonymous-only") {
        expect(anonymous.status).not.toBe(403);
        expect(anonymous.headers.get("location") ?? "").not.toMatch(/^\/login\?/);
      } else if (rule.access === "candidate") {
        expect(anonymous.status).toBe(404);
      } else if (rule.access === "api-token") {
        expect(anonymous.status).toBe(401);
      } else {
        expect(anonymous.status).toBe(302);
        expect(anonymous.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
      }
      for (const role of ROLES) {
        const response = await send(sessions.get(role)!, rule);
        if (rule.access === "anonymous-only") {
          expect(response.headers.get("location"), role).toBe("/dashboard");
        } else if (rule.access === "candidate") {
          expect(response.status, role).toBe(404);
        } else if (rule.access === "api-token") {
          expect(response.status, `${role}'s session must not open ${rule.path}`).toBe(401);
        } else if (rule.access === "public" || rule.access === "user") {
          expect(response.status, role).not.toBe(403);
          if (rule.access === "user") expect(response.status, `${role} should reach ${rule.path}`).not.toBe(404);
          expect(response.headers.get("location") ?? "", role).not.toMatch(/^\/login/);
        } else if (can(role, rule.access as Permission)) {
          expect([200, 204, 302, 400, 405, 409, 422], `${role} should reach ${rule.path} (got ${response.status})`).toContain(response.status);
          expect(response.headers.get("location") ?? "", role).not.toMatch(/^\/login/);
        } else {
          expect(response.status, `${role} must be refused ${rule.path}`).toBe(403);
        }
      }
    });
  }
});
