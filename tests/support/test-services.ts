import path from "node:path";
import pg from "pg";
import { ensurePostgres, ensureRedis, ensureDocker, type StartedService } from "../../scripts/lib/services";
import { migrate } from "../../prisma/migrator";

// The suite's own PostgreSQL cluster and Redis live under .data/test on ports of their own,
// so a developer's running Hirekit and its data are never touched.
export const TEST_PG_PORT = Number(process.env.TEST_PG_PORT ?? 54339);
export const TEST_REDIS_PORT = Number(process.env.TEST_REDIS_PORT ?? 63809);
// One template per test run, so concurrent runs (a developer's and an agent's) never drop each other's.
export const TEMPLATE_DB = process.env.HIREKIT_TEST_TEMPLATE ?? `hirekit_test_template_${process.pid}`;
process.env.HIREKIT_TEST_TEMPLATE = TEMPLATE_DB;

export interface TestServices {
  adminUrl: string;
  redisUrl: string;
  stop(): Promise<void>;
}

export async function startTestServices(root = process.cwd()): Promise<TestServices> {
  const dataRoot = path.join(root, ".data", "test");
  const started: StartedService[] = [];
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const postgres = await ensurePostgres(dataRoot, TEST_PG_PORT);
    started.push(postgres);
    adminUrl = postgres.url!;
  }
  let redisUrl = process.env.TEST_REDIS_URL;
  if (!redisUrl) {
    const redis = await ensureRedis(dataRoot, TEST_REDIS_PORT, { persistent: false });
    started.push(redis);
    redisUrl = redis.url!;
  }
  await ensureDocker(path.join(root, ".data"));
  await createTemplate(adminUrl, path.join(root, "prisma", "migrations"));
  return {
    adminUrl,
    redisUrl,
    stop: async () => {
      await dropDatabase(adminUrl, TEMPLATE_DB);
      // Another test run may still be using the cluster; the last one out stops it.
      if (await otherRunsActive(adminUrl)) return;
      for (const service of started.reverse()) await service.stop();
    },
  };
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function createTemplate(adminUrl: string, migrationsDir: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl(adminUrl, "postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
  } finally {
    await admin.end();
  }
  await migrate({ databaseUrl: databaseUrl(adminUrl, TEMPLATE_DB), migrationsDir });
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl(adminUrl, "postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function otherRunsActive(adminUrl: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: databaseUrl(adminUrl, "postgres") });
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE 'hirekit_test_template_%'`);
    return rows[0].n > 0;
  } finally {
    await admin.end();
  }
}
