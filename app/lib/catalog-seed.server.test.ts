import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/database";
import { COMPETENCY_IDS } from "~/domain/catalog/competency-ids";
import type { CatalogSource } from "~/domain/catalog/source-schema";
import { loadCatalogSource } from "./catalog-source.server";
import { plannedUpdate, seedCatalog } from "./catalog-seed.server";

let db: TestDatabase;
const source = loadCatalogSource();

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function snapshot() {
  const [competencies, items] = await Promise.all([
    db.prisma.competency.findMany({ orderBy: { id: "asc" } }),
    db.prisma.catalogItem.findMany({ orderBy: { sourceKey: "asc" } }),
  ]);
  return { competencies, items };
}

describe("seedCatalog", () => {
  it("inserts every competency and item on an empty database", async () => {
    const report = await seedCatalog(db.prisma, source);
    expect(report.competencies).toEqual({ inserted: 18, updated: 0, unchanged: 0, keptAdminEdits: 0 });
    expect(report.items).toEqual({ inserted: source.items.length, updated: 0, unchanged: 0, keptAdminEdits: 0, orphaned: [] });
    const { competencies, items } = await snapshot();
    expect(competencies.map((c) => c.id).sort()).toEqual([...COMPETENCY_IDS].sort());
    expect(items).toHaveLength(source.items.length);
    const git = items.find((i) => i.sourceKey === "skill.version-control.git")!;
    expect(git).toMatchObject({ kind: "REQUIRED_SKILL", competencyId: "version-control", levels: ["JUNIOR", "INTERMEDIATE", "SENIOR"] });
    expect(await db.prisma.auditLog.count({ where: { action: "catalog.seed" } })).toBe(1);
  });

  it("changes nothing when run again", async () => {
    const before = await snapshot();
    const report = await seedCatalog(db.prisma, source);
    expect(report.competencies).toEqual({ inserted: 0, updated: 0, unchanged: 18, keptAdminEdits: 0 });
    expect(report.items).toMatchObject({ inserted: 0, updated: 0, unchanged: source.items.length, keptAdminEdits: 0 });
    expect(await snapshot()).toEqual(before);
    expect(await db.prisma.auditLog.count({ where: { action: "catalog.seed" } })).toBe(1);
  });

  it("keeps admin edits, admin-created items and retired items on re-seed", async () => {
    await db.prisma.catalogItem.update({ where: { sourceKey: "skill.version-control.git" }, data: { text: "Git, including rebasing and bisect." } });
    await db.prisma.catalogItem.update({ where: { sourceKey: "nice.collaboration.agile" }, data: { levels: [] } });
    await db.prisma.competency.update({ where: { id: "caching" }, data: { description: "Our own words about caching." } });
    const custom = await db.prisma.catalogItem.create({ data: { kind: "TOOL", text: "Terraform", levels: ["SENIOR"], competencyId: "ci-cd" } });

    const report = await seedCatalog(db.prisma, source);
    expect(report.items).toMatchObject({ inserted: 0, updated: 0, keptAdminEdits: 2 });
    expect(report.competencies).toMatchObject({ updated: 0, keptAdminEdits: 1 });
    expect((await db.prisma.catalogItem.findUnique({ where: { sourceKey: "skill.version-control.git" } }))?.text).toBe("Git, including rebasing and bisect.");
    expect((await db.prisma.catalogItem.findUnique({ where: { sourceKey: "nice.collaboration.agile" } }))?.levels).toEqual([]);
    expect((await db.prisma.competency.findUnique({ where: { id: "caching" } }))?.description).toBe("Our own words about caching.");
    expect(await db.prisma.catalogItem.findUnique({ where: { id: custom.id } })).not.toBeNull();
  });

  it("applies a new source version to untouched rows only, inserts new items and reports orphans", async () => {
    const next = structuredClone(source) as CatalogSource;
    next.version = 2;
    const untouched = next.items.find((i) => i.key === "skill.api-design.http-basics")!;
    untouched.previous = [{ text: untouched.text }];
    untouched.text = "An understanding of HTTP: methods, status codes and headers.";
    const edited = next.items.find((i) => i.key === "skill.version-control.git")!;
    edited.previous = [{ text: edited.text }];
    edited.text = "Daily use of Git.";
    const caching = next.competencies.find((c) => c.id === "caching")!;
    caching.previous = [{ description: caching.description }];
    caching.description = "New source description.";
    const security = next.competencies.find((c) => c.id === "security")!;
    security.previous = [{ name: security.name }];
    security.name = "Application security";
    next.items.push({ key: "tool.observability.tracing", kind: "TOOL", competency: "observability", levels: ["SENIOR"], text: "OpenTelemetry", previous: [] });
    next.items = next.items.filter((i) => i.key !== "metric.performance.resource-use");

    const report = await seedCatalog(db.prisma, next);
    expect(report.items).toMatchObject({ inserted: 1, keptAdminEdits: 2, orphaned: ["metric.performance.resource-use"] });
    expect(report.competencies).toMatchObject({ keptAdminEdits: 1 });
    expect((await db.prisma.catalogItem.findUnique({ where: { sourceKey: "skill.api-design.http-basics" } }))?.text).toBe(untouched.text);
    expect((await db.prisma.catalogItem.findUnique({ where: { sourceKey: "skill.version-control.git" } }))?.text).toBe("Git, including rebasing and bisect.");
    expect((await db.prisma.competency.findUnique({ where: { id: "caching" } }))?.description).toBe("Our own words about caching.");
    expect((await db.prisma.competency.findUnique({ where: { id: "security" } }))?.name).toBe("Application security");
    expect(await db.prisma.catalogItem.findUnique({ where: { sourceKey: "metric.performance.resource-use" } })).not.toBeNull();
    expect((await db.prisma.catalogItem.findUnique({ where: { sourceKey: "tool.observability.tracing" } }))?.text).toBe("OpenTelemetry");

    const again = await seedCatalog(db.prisma, next);
    expect(again.items).toMatchObject({ inserted: 0, updated: 0 });
    expect(again.competencies).toMatchObject({ inserted: 0, updated: 0 });
  });

  it("is safe when two seeds run at once", async () => {
    const fresh = await createTestDatabase();
    try {
      const [a, b] = await Promise.all([seedCatalog(fresh.prisma, source), seedCatalog(fresh.prisma, source)]);
      expect(a.items.inserted + b.items.inserted).toBe(source.items.length);
      expect(await fresh.prisma.catalogItem.count()).toBe(source.items.length);
    } finally {
      await fresh.drop();
    }
  });
});

describe("plannedUpdate", () => {
  it("updates only fields that still hold a previous source value", () => {
    expect(plannedUpdate({ text: "old", levels: ["JUNIOR"] }, { text: "new", levels: ["SENIOR"] }, [{ text: "old" }])).toEqual({
      changes: { text: "new" },
      keptEdit: true,
    });
    expect(plannedUpdate({ levels: ["SENIOR", "JUNIOR"] }, { levels: ["JUNIOR", "SENIOR"] }, [])).toEqual({ changes: {}, keptEdit: false });
  });
});
