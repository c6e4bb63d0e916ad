import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/lib/password.server";
import { THROTTLE_POLICY } from "~/lib/login-throttle.server";
import { INVALID_LOGIN_MESSAGE } from "~/lib/login.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { HttpSession } from "../support/http-session";

let db: TestDatabase;
let app: AppServer;

const USERS = [
  { email: "admin@example.test", role: "ADMIN", password: "admin-password-1" },
  { email: "recruiter@example.test", role: "RECRUITER", password: "recruiter-password-1" },
  { email: "manager@example.test", role: "HIRING_MANAGER", password: "manager-password-1" },
] as const;

beforeAll(async () => {
  db = await createTestDatabase();
  for (const user of USERS) {
    await db.prisma.user.create({ data: { email: user.email, name: user.role, role: user.role, passwordHash: await hashPassword(user.password) } });
  }
  app = await startAppServer({ DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL! });
});

afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

describe("login and logout", () => {
  it("logs in with the right password, sets a safe session cookie, and logs out", async () => {
    const session = new HttpSession(app.url);
    const response = await session.login(USERS[0].email, USERS[0].password);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/dashboard");
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith("hirekit_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Secure/i);
    expect((await session.get("/dashboard")).status).toBe(200);
    expect(await db.prisma.session.count()).toBe(1);

    const logout = await session.post("/logout", {});
    expect(logout.status).toBe(302);
    expect(logout.headers.get("location")).toBe("/login");
    expect(await db.prisma.session.count()).toBe(0);
    const after = await session.get("/dashboard");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login\?redirectTo=%2Fdashboard/);
  });

  it("answers a wrong password and an unknown email with the same generic message", async () => {
    const wrong = await new HttpSession(app.url).login(USERS[1].email, "not-the-password");
    const unknown = await new HttpSession(app.url).login("nobody@example.test", "whatever-password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [wrongHtml, unknownHtml] = await Promise.all([wrong.text(), unknown.text()]);
    expect(wrongHtml).toContain(INVALID_LOGIN_MESSAGE);
    expect(unknownHtml).toContain(INVALID_LOGIN_MESSAGE);
    expect(wrong.headers.getSetCookie().some((line) => line.startsWith("hirekit_session=") && !/Max-Age=0/i.test(line))).toBe(false);
  });

  it("shows field errors for a malformed form", async () => {
    const response = await new HttpSession(app.url).post("/login", { email: "not-an-email", password: "" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Enter a valid email address");
    expect(html).toContain("Enter your password");
  });

  it("only redirects to local paths after login", async () => {
    const session = new HttpSession(app.url);
    const response = await session.post("/login", { email: USERS[2].email, password: USERS[2].password, redirectTo: "//evil.example/" });
    expect(response.headers.get("location")).toBe("/dashboard");
  });
});

describe("rate limiting", () => {
  it("locks an account after repeated failures with 429 and Retry-After, even for the right password", async () => {
    const email = USERS[1].email;
    await db.prisma.loginThrottle.deleteMany();
    for (let attempt = 0; attempt < THROTTLE_POLICY.account.maxFailures; attempt++) {
      expect((await new HttpSession(app.url).login(email, `wrong-${attempt}`)).status).toBe(401);
    }
    const locked = await new HttpSession(app.url).login(email, USERS[1].password);
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(THROTTLE_POLICY.account.lockMs / 1000);
    expect(await locked.text()).toContain("Too many failed attempts");
    const other = await new HttpSession(app.url).login(USERS[2].email, USERS[2].password);
    expect(other.status).toBe(302);
  });

  it("locks a client address that fails across many accounts", async () => {
    await db.prisma.loginThrottle.deleteMany();
    for (let attempt = 0; attempt < THROTTLE_POLICY.ip.maxFailures; attempt++) {
      expect((await new HttpSession(app.url).login(`someone-${attempt}@example.test`, "guess")).status).toBe(401);
    }
    const locked = await new HttpSession(app.url).login(USERS[0].email, USERS[0].password);
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toMatch(/^\d+$/);
    await db.prisma.loginThrottle.deleteMany();
  });
});

describe("CSRF and security headers", () => {
  it("refuses a state-changing request from another origin or without one", async () => {
    const session = new HttpSession(app.url);
    await session.login(USERS[0].email, USERS[0].password);
    const before = await db.prisma.user.count();
    const foreign = await session.post(
      "/admin/users",
      { intent: "create", name: "Mallory", email: "mallory@example.test", role: "ADMIN" },
      { Origin: "https://evil.example" },
    );
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toMatch(/cross-site request/);
    const noOrigin = await fetch(`${app.url}/logout`, { method: "POST", redirect: "manual" });
    expect(noOrigin.status).toBe(403);
    expect(await db.prisma.user.count()).toBe(before);
  });

  it("sends CSP, nosniff, referrer policy and frame-ancestors on pages", async () => {
    const response = await fetch(`${app.url}/login`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const html = await response.text();
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(html).toContain(`nonce="${nonce}"`);
  });
});

describe("admin user management", () => {
  it("creates a user, changes the role, disables, and audits every change", async () => {
    const admin = new HttpSession(app.url);
    await admin.login(USERS[0].email, USERS[0].password);
    const created = await admin.post("/admin/users", { intent: "create", name: "Nia New", email: "Nia@Example.test", role: "RECRUITER", password: "" });
    expect(created.status).toBe(200);
    const password = /initial password is <code>([^<]+)<\/code>/.exec(await created.text())?.[1];
    expect(password).toBeTruthy();
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "nia@example.test" } });
    expect(user.role).toBe("RECRUITER");

    const duplicate = await admin.post("/admin/users", { intent: "create", name: "Nia", email: "nia@example.test", role: "RECRUITER" });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.text()).toContain("already exists");

    const nia = new HttpSession(app.url);
    expect((await nia.login("nia@example.test", password!)).status).toBe(302);
    expect((await admin.post("/admin/users", { intent: "role", userId: user.id, role: "HIRING_MANAGER" })).status).toBe(200);
    expect((await admin.post("/admin/users", { intent: "disable", userId: user.id, disabled: "true" })).status).toBe(200);
    const kickedOut = await nia.get("/dashboard");
    expect(kickedOut.status).toBe(302);

    const actions = (await db.prisma.auditLog.findMany({ where: { entityId: user.id }, orderBy: { createdAt: "asc" } })).map((row) => row.action);
    expect(actions).toEqual(["user.create", "auth.login", "user.role", "user.disable"]);
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const admin = new HttpSession(app.url);
    await admin.login(USERS[0].email, USERS[0].password);
    const before = await db.prisma.user.count();
    const response = await admin.post("/admin/users", { intent: "create", name: "", email: "nope", role: "OWNER", password: "short" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Enter a name");
    expect(html).toContain("Enter a valid email address");
    expect(html).toContain("Use at least 12 characters");
    expect(await db.prisma.user.count()).toBe(before);
  });
});
