import { beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "../../tests/support/database";
import { searchCatalog } from "~/domain/catalog/search";
import { seedCatalog } from "./catalog-seed.server";
import { CatalogItemForm, createCatalogItem, deleteCatalogItem, loadCatalog, updateCatalogItem, updateCompetency } from "./catalog.server";
import { HttpError } from "./http-error";

const db = withTestDatabase();
let admin: string;

beforeAll(async () => {
  await seedCatalog(db.current.prisma);
  admin = (await db.current.prisma.user.create({ data: { email: "ada@example.test", name: "Ada Admin", role: "ADMIN", passwordHash: "x" } })).id;
});

describe("catalog administration", () => {
  it("loads the seeded catalog and searches it by level, category and text", async () => {
    const { competencies, items } = await loadCatalog();
    expect(competencies).toHaveLength(18);
    const kafka = searchCatalog(competencies, items, { text: "kafka", level: "INTERMEDIATE" });
    expect(kafka.map((g) => g.competency.id)).toEqual(["messaging"]);
    // A word matches the item or its competency, so every intermediate messaging item is listed.
    expect(kafka[0]!.items.every((i) => i.levels.includes("INTERMEDIATE"))).toBe(true);
    expect(kafka[0]!.items.some((i) => /kafka/i.test(i.text))).toBe(true);
    const security = searchCatalog(competencies, items, { category: "Security" });
    expect(security.map((g) => g.competency.id)).toEqual(["auth", "security"]);
    expect(searchCatalog(competencies, items, { text: "OPTIMISATION" }).map((g) => g.competency.id)).toContain("database-design");
  });

  it("validates item forms with readable messages", () => {
    const result = CatalogItemForm.safeParse({ text: " ", kind: "WISH", competencyId: "typing", levels: ["SENIOR", "JUNIOR"] });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "text: is required",
      "kind: choose a kind",
      "competencyId: choose a competency",
    ]);
    expect(CatalogItemForm.parse({ text: "Rust", kind: "TOOL", competencyId: "languages-frameworks", levels: ["SENIOR", "JUNIOR"] }).levels).toEqual([
      "JUNIOR",
      "SENIOR",
    ]);
  });

  it("creates, edits, retires and deletes items, auditing each change", async () => {
    const item = await createCatalogItem(admin, { text: "Terraform", kind: "TOOL", competencyId: "ci-cd", levels: ["SENIOR"] });
    expect(item.sourceKey).toBeNull();
    await updateCatalogItem(admin, item.id, { text: "Terraform and OpenTofu", kind: "TOOL", competencyId: "ci-cd", levels: [] });
    const actions = await db.current.prisma.auditLog.findMany({ where: { entityId: item.id }, orderBy: { createdAt: "asc" }, select: { action: true, actorId: true } });
    expect(actions).toEqual([
      { action: "catalog.item.create", actorId: admin },
      { action: "catalog.item.retire", actorId: admin },
    ]);
    await deleteCatalogItem(admin, item.id);
    expect(await db.current.prisma.catalogItem.findUnique({ where: { id: item.id } })).toBeNull();
  });

  it("refuses to delete a seeded item and points to retiring it", async () => {
    const seeded = await db.current.prisma.catalogItem.findUniqueOrThrow({ where: { sourceKey: "tool.caching.caches" } });
    const error = await deleteCatalogItem(admin, seeded.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).message).toMatch(/untick every level to retire it/);
  });

  it("edits a competency and records what changed", async () => {
    const before = await db.current.prisma.competency.findUniqueOrThrow({ where: { id: "caching" } });
    await updateCompetency(admin, "caching", {
      name: before.name,
      category: before.category,
      description: "Keeps hot data close.",
      juniorExpectation: before.juniorExpectation,
      intermediateExpectation: before.intermediateExpectation,
      seniorExpectation: before.seniorExpectation,
    });
    const entry = await db.current.prisma.auditLog.findFirstOrThrow({ where: { action: "catalog.competency.update", entityId: "caching" } });
    expect(entry.data).toEqual({ description: { before: before.description, after: "Keeps hot data close." } });
  });
});
