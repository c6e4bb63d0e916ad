import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject, beforeAll, afterAll } from "vitest";
import { createPrismaClient, type PrismaClient } from "~/lib/db.server";
import { TEMPLATE_DB, databaseUrl } from "./test-services";

export interface TestDatabase {
  name: string;
  url: string;
  prisma: PrismaClient;
  drop(): Promise<void>;
}

function adminUrl(): string {
  return process.env.TEST_DATABASE_ADMIN_URL ?? inject("databaseAdminUrl");
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl(adminUrl(), "postgres") });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A fresh, fully migrated database cloned from the template the global setup built. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `hirekit_t_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`);
  const url = databaseUrl(adminUrl(), name);
  const prisma = createPrismaClient(url, { max: 5 });
  return {
    name,
    url,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** An empty database (no migrations), for migrator tests. */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hirekit_e_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  return { url: databaseUrl(adminUrl(), name), drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/**
 * Points the app's config (DATABASE_URL, REDIS_URL) at a fresh database for this test file,
 * so modules that use the shared `prisma` client talk to it. Returns a handle filled in beforeAll.
 */
export function withTestDatabase(): { current: TestDatabase } {
  const handle = {} as { current: TestDatabase };
  beforeAll(async () => {
    handle.current = await createTestDatabase();
    process.env.DATABASE_URL = handle.current.url;
    process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? inject("redisUrl");
    process.env.NODE_ENV = "test";
    globalThis.__hirekitPrisma = handle.current.prisma;
  });
  afterAll(async () => {
    globalThis.__hirekitPrisma = undefined;
    await handle.current?.drop();
  });
  return handle;
}
