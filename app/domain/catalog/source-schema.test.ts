import { describe, expect, it } from "vitest";
import rawCatalog from "../../../prisma/catalog/catalog.json";
import { COMPETENCY_IDS } from "./competency-ids";
import { CATALOG_ITEM_KINDS, LEVELS } from "./levels";
import { CatalogSourceError, parseCatalogSource } from "./source-schema";

const source = parseCatalogSource(rawCatalog);

describe("the catalog source (prisma/catalog/catalog.json)", () => {
  it("defines exactly the shared competency ids, in their order", () => {
    expect(source.competencies.map((c) => c.id)).toEqual([...COMPETENCY_IDS]);
  });

  it("gives every competency a description and three different level expectations", () => {
    for (const c of source.competencies) {
      expect(c.description.length).toBeGreaterThan(40);
      const expectations = [c.expectations.junior, c.expectations.intermediate, c.expectations.senior];
      expect(new Set(expectations).size).toBe(3);
    }
  });

  it("tags every competency with at least one item and every kind for every level", () => {
    for (const id of COMPETENCY_IDS) {
      expect(source.items.some((item) => item.competency === id), id).toBe(true);
    }
    for (const level of LEVELS) {
      for (const kind of CATALOG_ITEM_KINDS) {
        expect(source.items.some((i) => i.kind === kind && i.levels.includes(level)), `${kind} for ${level}`).toBe(true);
      }
    }
  });

  it("carries the SEO facts", () => {
    expect(source.seo.keywords).toContain("backend developer job");
    expect(source.seo.metaDescription.length).toBeLessThanOrEqual(160);
    expect(source.seo.slugBase).toBe("backend-developer");
  });

  it("names an unknown competency id", () => {
    const broken = structuredClone(rawCatalog);
    broken.items[2]!.competency = "typing-speed";
    expect(() => parseCatalogSource(broken)).toThrow(CatalogSourceError);
    expect(() => parseCatalogSource(broken)).toThrow('unknown competency id "typing-speed"');
  });

  it("names a duplicate item key and a missing competency", () => {
    const broken = structuredClone(rawCatalog);
    broken.items[1]!.key = broken.items[0]!.key;
    broken.competencies.pop();
    expect(() => parseCatalogSource(broken)).toThrow(`duplicate item key "${broken.items[0]!.key}"`);
    expect(() => parseCatalogSource(broken)).toThrow("missing competencies: problem-solving");
  });

  it("rejects expectations that repeat across levels", () => {
    const broken = structuredClone(rawCatalog);
    broken.competencies[0]!.expectations.senior = broken.competencies[0]!.expectations.junior;
    expect(() => parseCatalogSource(broken)).toThrow(/expectations must differ/);
  });
});
