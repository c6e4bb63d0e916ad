import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "~/lib/password.server";
import { createTestDatabase, type TestDatabase } from "../support/database";

const run = promisify(execFile);
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

function adminCreate(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, ["--import", "tsx", "scripts/admin-create.ts", ...args], {
    env: { ...process.env, DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL!, NODE_ENV: "production", ...env },
  }).then(
    (out) => ({ code: 0, ...out }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe("npm run admin:create", () => {
  it("creates an admin with a generated password it prints once", async () => {
    const result = await adminCreate(["--email", "Boss@Example.test", "--name", "The Boss"]);
    expect(result.code).toBe(0);
    const password = /Initial password[^:]*: (\S+)/.exec(result.stdout)?.[1];
    expect(password).toBeTruthy();
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "boss@example.test" } });
    expect(user.role).toBe("ADMIN");
    expect(await verifyPassword(password!, user.passwordHash)).toBe(true);
  });

  it("takes the password from HIREKIT_ADMIN_PASSWORD and refuses a duplicate", async () => {
    const first = await adminCreate(["--email", "ops@example.test", "--name", "Ops"], { HIREKIT_ADMIN_PASSWORD: "a-long-enough-password" });
    expect(first.code).toBe(0);
    expect(first.stdout).not.toContain("a-long-enough-password");
    const again = await adminCreate(["--email", "ops@example.test", "--name", "Ops"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists");
  });

  it("explains invalid input without creating anything", async () => {
    const result = await adminCreate(["--email", "not-an-email"], { HIREKIT_ADMIN_PASSWORD: "short" });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/email: .*valid email/);
    expect(result.stderr).toMatch(/name: give a name/);
    expect(result.stderr).toMatch(/password: use at least 12 characters/);
    expect(await db.prisma.user.count({ where: { email: "not-an-email" } })).toBe(0);
  });
});
