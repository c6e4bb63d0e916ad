import { z } from "zod";
import { safeText } from "~/domain/safe-text";
import { COMPETENCY_IDS } from "~/domain/catalog/competency-ids";
import { CATALOG_ITEM_KINDS, LEVELS } from "~/domain/catalog/levels";
import type { CatalogItem, Competency } from "~/domain/catalog/model";
import { audit } from "./audit.server";
import { prisma } from "./db.server";
import { HttpError } from "./http-error";

// Reading and admin editing of the catalog. Edits never touch saved JDs: those hold copies.

const itemSelect = { id: true, sourceKey: true, competencyId: true, kind: true, text: true, levels: true, sortOrder: true } as const;

export async function loadCatalog(): Promise<{ competencies: Competency[]; items: CatalogItem[] }> {
  const [competencies, items] = await Promise.all([
    prisma.competency.findMany({ orderBy: { sortOrder: "asc" } }),
    prisma.catalogItem.findMany({ select: itemSelect, orderBy: [{ sortOrder: "asc" }, { text: "asc" }] }),
  ]);
  return {
    competencies: competencies.map(({ createdAt: _c, updatedAt: _u, ...rest }) => rest),
    items,
  };
}

export async function getCatalogItem(id: string): Promise<CatalogItem & { updatedAt: Date }> {
  const item = await prisma.catalogItem.findUnique({ where: { id }, select: { ...itemSelect, updatedAt: true } });
  if (!item) throw new HttpError("There is no such catalog item.", 404);
  return item;
}

export async function getCompetency(id: string): Promise<Competency> {
  const row = await prisma.competency.findUnique({ where: { id } });
  if (!row) throw new HttpError("There is no such competency.", 404);
  const { createdAt: _c, updatedAt: _u, ...competency } = row;
  return competency;
}

const text = (max: number) => safeText().trim().min(1, "is required").max(max, `must be at most ${max} characters`);

/** Form data for an item: `levels` may repeat (one checkbox per level); none means retired. */
export const CatalogItemForm = z.object({
  text: text(400),
  kind: z.enum(CATALOG_ITEM_KINDS, { error: "choose a kind" }),
  competencyId: z.enum(COMPETENCY_IDS, { error: "choose a competency" }),
  levels: z.array(z.enum(LEVELS)).transform((levels) => LEVELS.filter((level) => levels.includes(level))),
});
export type CatalogItemInput = z.infer<typeof CatalogItemForm>;

export function catalogItemFormInput(form: FormData) {
  return {
    text: form.get("text") ?? "",
    kind: form.get("kind") ?? "",
    competencyId: form.get("competencyId") ?? "",
    levels: form.getAll("levels"),
  };
}

export const CompetencyForm = z.object({
  name: text(120),
  category: text(80),
  description: text(1000),
  juniorExpectation: text(500),
  intermediateExpectation: text(500),
  seniorExpectation: text(500),
});
export type CompetencyInput = z.infer<typeof CompetencyForm>;

export async function createCatalogItem(actorId: string, input: CatalogItemInput): Promise<CatalogItem> {
  return prisma.$transaction(async (tx) => {
    const last = await tx.catalogItem.aggregate({ _max: { sortOrder: true } });
    const item = await tx.catalogItem.create({
      data: { ...input, sortOrder: (last._max.sortOrder ?? 0) + 1 },
      select: itemSelect,
    });
    await audit(tx, { actorId, action: "catalog.item.create", entityType: "CatalogItem", entityId: item.id, data: { ...input } });
    return item;
  });
}

export async function updateCatalogItem(actorId: string, id: string, input: CatalogItemInput): Promise<CatalogItem> {
  return prisma.$transaction(async (tx) => {
    const before = await tx.catalogItem.findUnique({ where: { id }, select: itemSelect });
    if (!before) throw new HttpError("There is no such catalog item.", 404);
    const item = await tx.catalogItem.update({ where: { id }, data: input, select: itemSelect });
    await audit(tx, {
      actorId,
      action: input.levels.length === 0 && before.levels.length > 0 ? "catalog.item.retire" : "catalog.item.update",
      entityType: "CatalogItem",
      entityId: id,
      data: { before: { text: before.text, kind: before.kind, competencyId: before.competencyId, levels: before.levels }, after: { ...input } },
    });
    return item;
  });
}

/**
 * Only items admins created may be deleted; seeded items are retired (no levels) instead, so
 * the next seed does not bring them back.
 */
export async function deleteCatalogItem(actorId: string, id: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const item = await tx.catalogItem.findUnique({ where: { id }, select: itemSelect });
    if (!item) throw new HttpError("There is no such catalog item.", 404);
    if (item.sourceKey) {
      throw new HttpError("Items from the catalog source cannot be deleted; untick every level to retire it instead.", 409);
    }
    await tx.catalogItem.delete({ where: { id } });
    await audit(tx, { actorId, action: "catalog.item.delete", entityType: "CatalogItem", entityId: id, data: { text: item.text, kind: item.kind } });
  });
}

export async function updateCompetency(actorId: string, id: string, input: CompetencyInput): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const before = await tx.competency.findUnique({ where: { id } });
    if (!before) throw new HttpError("There is no such competency.", 404);
    await tx.competency.update({ where: { id }, data: input });
    const changed = Object.fromEntries(
      (Object.keys(input) as (keyof CompetencyInput)[]).filter((key) => before[key] !== input[key]).map((key) => [key, { before: before[key], after: input[key] }]),
    );
    await audit(tx, { actorId, action: "catalog.competency.update", entityType: "Competency", entityId: id, data: changed });
  });
}
