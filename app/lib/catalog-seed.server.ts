import type { PrismaClient } from "~/generated/prisma/client";
import type { CatalogSource } from "~/domain/catalog/source-schema";
import {
  competencyFields,
  itemFields,
  previousCompetencyFields,
  previousItemFields,
  type CompetencyFields,
  type ItemFields,
} from "~/domain/catalog/source-rows";
import { audit } from "./audit.server";
import { loadCatalogSource } from "./catalog-source.server";

// Seeding rule (idempotent, and never silently overwrites an admin):
// - A competency or item missing from the database (by id / sourceKey) is inserted.
// - For one that exists, each field is compared on its own. Equal to the source: nothing to do.
//   Equal to a value the source had before (listed under `previous` in catalog.json): nobody
//   edited it, so it is updated to the new source text. Anything else is an admin's edit and
//   is kept; the report counts it.
// - sortOrder follows the source (the UI does not reorder the catalog).
// - Items that left the source, and items admins created (no sourceKey), are never deleted;
//   JDs keep their own copies of text anyway. Admins retire a seeded item by clearing its
//   levels instead of deleting it, so a re-seed does not bring it back.

export interface SeedCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows where at least one field was kept because an admin had changed it. */
  keptAdminEdits: number;
}

export interface SeedReport {
  version: number;
  competencies: SeedCounts;
  items: SeedCounts & { orphaned: string[] };
}

type Comparable = string | readonly string[];

function sameValue(a: Comparable | null | undefined, b: Comparable | null | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return [...a].sort().join("\u0000") === [...b].sort().join("\u0000");
  return a === b;
}

/** The fields to write, and whether any field was left alone because an admin changed it. */
export function plannedUpdate<F extends object>(
  current: F,
  wanted: F,
  previous: Partial<F>[],
): { changes: Partial<F>; keptEdit: boolean } {
  const changes: Partial<F> = {};
  let keptEdit = false;
  for (const key of Object.keys(wanted) as (keyof F)[]) {
    const now = current[key] as Comparable;
    const target = wanted[key] as Comparable;
    if (sameValue(now, target)) continue;
    if (previous.some((old) => key in old && sameValue(old[key] as Comparable, now))) changes[key] = wanted[key];
    else keptEdit = true;
  }
  return { changes, keptEdit };
}

function emptyCounts(): SeedCounts {
  return { inserted: 0, updated: 0, unchanged: 0, keptAdminEdits: 0 };
}

export async function seedCatalog(prisma: PrismaClient, source: CatalogSource = loadCatalogSource()): Promise<SeedReport> {
  return prisma.$transaction(
    async (tx) => {
      // Two seeds at once (two replicas starting) would race on inserts; take turns instead.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('hirekit.catalog-seed'))`;
      const report: SeedReport = { version: source.version, competencies: emptyCounts(), items: { ...emptyCounts(), orphaned: [] } };

      const competencies = new Map((await tx.competency.findMany()).map((c) => [c.id, c]));
      for (const [sortOrder, competency] of source.competencies.entries()) {
        const wanted = competencyFields(competency);
        const row = competencies.get(competency.id);
        if (!row) {
          await tx.competency.create({ data: { id: competency.id, ...wanted, sortOrder } });
          report.competencies.inserted++;
          continue;
        }
        const { changes, keptEdit } = plannedUpdate<CompetencyFields>(row, wanted, previousCompetencyFields(competency));
        const data = { ...changes, ...(row.sortOrder !== sortOrder ? { sortOrder } : {}) };
        if (keptEdit) report.competencies.keptAdminEdits++;
        if (Object.keys(data).length > 0) {
          await tx.competency.update({ where: { id: competency.id }, data });
          report.competencies.updated++;
        } else if (!keptEdit) report.competencies.unchanged++;
      }

      const seeded = await tx.catalogItem.findMany({ where: { sourceKey: { not: null } } });
      const byKey = new Map(seeded.map((item) => [item.sourceKey!, item]));
      const sourceKeys = new Set(source.items.map((item) => item.key));
      const inserts = [];
      for (const [sortOrder, item] of source.items.entries()) {
        const wanted = itemFields(item);
        const row = byKey.get(item.key);
        if (!row) {
          inserts.push({ sourceKey: item.key, ...wanted, sortOrder });
          continue;
        }
        const current: ItemFields = { text: row.text, levels: row.levels, kind: row.kind, competencyId: row.competencyId ?? "" };
        const { changes, keptEdit } = plannedUpdate<ItemFields>(current, wanted, previousItemFields(item));
        const data = { ...changes, ...(row.sortOrder !== sortOrder ? { sortOrder } : {}) };
        if (keptEdit) report.items.keptAdminEdits++;
        if (Object.keys(data).length > 0) {
          await tx.catalogItem.update({ where: { id: row.id }, data });
          report.items.updated++;
        } else if (!keptEdit) report.items.unchanged++;
      }
      if (inserts.length > 0) {
        report.items.inserted = (await tx.catalogItem.createMany({ data: inserts, skipDuplicates: true })).count;
      }
      report.items.orphaned = seeded.map((item) => item.sourceKey!).filter((key) => !sourceKeys.has(key)).sort();

      const changed =
        report.competencies.inserted + report.competencies.updated + report.items.inserted + report.items.updated;
      if (changed > 0) {
        await audit(tx, {
          actorId: null,
          action: "catalog.seed",
          entityType: "Catalog",
          entityId: `v${source.version}`,
          data: { competencies: { ...report.competencies }, items: { ...report.items } },
        });
      }
      return report;
    },
    { timeout: 30_000 },
  );
}
