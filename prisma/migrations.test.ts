import { mkdtemp, mkdir, writeFile, cp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createEmptyDatabase } from "../tests/support/database";
import { migrate, readMigrations, checksumOf } from "./migrator";
import { readSchema } from "./schema-model";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function emptyDb() {
  const db = await createEmptyDatabase();
  cleanups.push(db.drop);
  return db.url;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function tempMigrations(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "hirekit-migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe("migrator", () => {
  it("applies migrations in name order, records them as Prisma does, and is idempotent", async () => {
    const url = await emptyDb();
    const dir = await tempMigrations({
      "20260102000000_second": `INSERT INTO "Thing" (name) VALUES ('second');`,
      "20260101000000_first": `CREATE TABLE "Thing" (id serial primary key, name text not null);`,
    });
    expect(await migrate({ databaseUrl: url, migrationsDir: dir })).toEqual([
      "20260101000000_first",
      "20260102000000_second",
    ]);
    expect(await migrate({ databaseUrl: url, migrationsDir: dir })).toEqual([]);
    const rows = await query<{ migration_name: string; checksum: string; applied_steps_count: number; finished_at: Date }>(
      url,
      `SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const files = await readMigrations(dir);
    expect(rows.map((row) => [row.migration_name, row.checksum, row.applied_steps_count])).toEqual(
      files.map((file) => [file.name, checksumOf(file.sql), 1]),
    );
    expect(rows.every((row) => row.finished_at instanceof Date)).toBe(true);
    expect(await query(url, `SELECT name FROM "Thing"`)).toEqual([{ name: "second" }]);
  });

  it("rolls a failing migration back completely and names it", async () => {
    const url = await emptyDb();
    const dir = await tempMigrations({
      "1_ok": `CREATE TABLE a (id int);`,
      "2_bad": `CREATE TABLE b (id int); SELECT * FROM missing_table;`,
    });
    await expect(migrate({ databaseUrl: url, migrationsDir: dir })).rejects.toThrow(/2_bad failed and was rolled back/);
    const tables = await query<{ tablename: string }>(url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    expect(tables.map((t) => t.tablename)).toEqual(["_prisma_migrations", "a"]);
    expect(await query(url, `SELECT migration_name FROM "_prisma_migrations"`)).toEqual([{ migration_name: "1_ok" }]);
  });

  it("refuses to run when an applied migration's file was edited", async () => {
    const url = await emptyDb();
    const dir = await tempMigrations({ "1_init": `CREATE TABLE a (id int);` });
    await migrate({ databaseUrl: url, migrationsDir: dir });
    await writeFile(path.join(dir, "1_init", "migration.sql"), `CREATE TABLE a (id bigint);`);
    await expect(migrate({ databaseUrl: url, migrationsDir: dir })).rejects.toThrow(/1_init was edited after it was applied/);
  });

  it("lets only one of two concurrent migrators apply, under the advisory lock", async () => {
    const url = await emptyDb();
    const dir = await tempMigrations({ "1_init": `CREATE TABLE a (id int);` });
    let releaseFirst!: () => void;
    const firstHoldsLock = new Promise<void>((resolve) => {
      const first = migrate({
        databaseUrl: url,
        migrationsDir: dir,
        afterLock: () => {
          resolve();
          return new Promise<void>((release) => (releaseFirst = release));
        },
      });
      cleanups.push(async () => void (await first));
    });
    await firstHoldsLock;
    let secondDone = false;
    const second = migrate({ databaseUrl: url, migrationsDir: dir }).then((applied) => {
      secondDone = true;
      return applied;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const waiting = await query<{ count: string }>(
      url,
      `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
    );
    expect(Number(waiting[0].count)).toBe(1);
    expect(secondDone).toBe(false);
    releaseFirst();
    expect(await second).toEqual([]);
    expect(await query(url, `SELECT migration_name FROM "_prisma_migrations"`)).toEqual([{ migration_name: "1_init" }]);
  });
});

const PG_TYPES: Record<string, string> = {
  String: "text",
  Int: "int4",
  Float: "float8",
  Boolean: "bool",
  DateTime: "timestamp",
  Json: "jsonb",
  Bytes: "bytea",
};

describe("drift check: schema.prisma against the migrated database", () => {
  it("has every model, field, type, nullability, enum value and declared index", async () => {
    const url = await emptyDb();
    const repoMigrations = await mkdtemp(path.join(os.tmpdir(), "hirekit-real-migrations-"));
    await cp(path.resolve("prisma/migrations"), repoMigrations, { recursive: true });
    await migrate({ databaseUrl: url, migrationsDir: repoMigrations });
    const schema = await readSchema();
    const columns = await query<{ table_name: string; column_name: string; is_nullable: string; udt_name: string }>(
      url,
      `SELECT table_name, column_name, is_nullable, udt_name FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const enumRows = await query<{ typname: string; enumlabel: string }>(
      url,
      `SELECT t.typname, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid ORDER BY t.typname, e.enumsortorder`,
    );
    const indexRows = await query<{ tablename: string; indexdef: string }>(
      url,
      `SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'`,
    );
    const problems: string[] = [];
    for (const [name, values] of Object.entries(schema.enums)) {
      const inDb = enumRows.filter((row) => row.typname === name).map((row) => row.enumlabel);
      if (JSON.stringify(inDb) !== JSON.stringify(values)) problems.push(`enum ${name}: db has [${inDb}]`);
    }
    expect(schema.models.length).toBeGreaterThanOrEqual(15);
    for (const model of schema.models) {
      for (const field of model.fields.filter((f) => !f.isRelation)) {
        const column = columns.find((c) => c.table_name === model.name && c.column_name === field.name);
        if (!column) {
          problems.push(`${model.name}.${field.name}: missing column`);
          continue;
        }
        const base = schema.enums[field.type] ? field.type : PG_TYPES[field.type];
        const expectedType = field.list ? `_${base}` : base;
        if (column.udt_name !== expectedType) problems.push(`${model.name}.${field.name}: type ${column.udt_name}, expected ${expectedType}`);
        // Prisma leaves scalar-list columns nullable in PostgreSQL.
        const expectNullable = field.optional || field.list;
        if ((column.is_nullable === "YES") !== expectNullable) {
          problems.push(`${model.name}.${field.name}: nullable=${column.is_nullable}, expected ${expectNullable ? "YES" : "NO"}`);
        }
      }
      for (const index of model.indexes) {
        const columnsSql = index.columns.join(", ");
        const found = indexRows.some(
          (row) =>
            row.tablename === model.name &&
            row.indexdef.replaceAll('"', "").includes(`(${columnsSql})`) &&
            row.indexdef.startsWith(index.unique ? "CREATE UNIQUE INDEX" : "CREATE"),
        );
        if (!found) problems.push(`${model.name}: missing ${index.unique ? "unique " : ""}index on (${index.columns})`);
      }
      const relationColumns = model.fields.filter((f) => f.isRelation);
      for (const relation of relationColumns) {
        const source = (await readSchemaLine(model.name, relation.name)) ?? "";
        const fk = /fields:\s*\[(\w+)\]/.exec(source)?.[1];
        if (!fk) continue;
        const indexed = indexRows.some((row) => row.tablename === model.name && row.indexdef.replaceAll('"', "").includes(`(${fk}`));
        if (!indexed) problems.push(`${model.name}.${fk}: foreign key without an index`);
      }
    }
    expect(problems).toEqual([]);
  });
});

async function readSchemaLine(model: string, field: string): Promise<string | undefined> {
  const { readFile } = await import("node:fs/promises");
  const source = await readFile("prisma/schema.prisma", "utf8");
  const body = new RegExp(`model ${model} \\{([\\s\\S]*?)^\\}`, "m").exec(source)?.[1] ?? "";
  return body.split("\n").find((line) => line.trim().startsWith(`${field} `));
}
