import { describe, expect, it } from "vitest";
import { LEVELS } from "../catalog/levels";
import { allItems, jdDocumentSchema } from "./document";
import { buildPreset } from "./preset";
import { BACKEND_DEVELOPER } from "./role-templates";
import { catalog, catalogSource, presetFor } from "./test-fixtures";
import { checkQuality } from "../quality/check";

describe("level presets for the backend developer template", () => {
  it.each(LEVELS)("the %s preset holds exactly the catalog items tagged for that level, in catalog order", (level) => {
    const doc = presetFor(level);
    expect(jdDocumentSchema.safeParse(doc).success).toBe(true);
    const expected = catalogSource.items.filter((item) => item.levels.includes(level)).map((item) => item.key);
    const actual = allItems(doc).map((item) => item.source?.sourceKey);
    expect(new Set(actual)).toEqual(new Set(expected));
    expect(doc.sections.map((s) => s.kind)).toEqual(BACKEND_DEVELOPER.sectionOrder);
    for (const section of doc.sections) {
      const order = section.items.map((item) => catalog.items.findIndex((c) => c.id === item.source?.catalogItemId));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it("differs between levels the way the catalog says", () => {
    const keys = (level: (typeof LEVELS)[number]) => new Set(allItems(presetFor(level)).map((i) => i.source?.sourceKey));
    const junior = keys("JUNIOR");
    const intermediate = keys("INTERMEDIATE");
    const senior = keys("SENIOR");
    expect(junior.has("responsibility.leadership.lead-team")).toBe(false);
    expect(senior.has("responsibility.leadership.lead-team")).toBe(true);
    expect(junior.has("skill.leadership.eager-to-learn")).toBe(true);
    expect(intermediate.has("responsibility.leadership.support-juniors")).toBe(true);
    expect(senior.has("nice.containers-microservices.service-mesh")).toBe(true);
    expect(intermediate.has("nice.containers-microservices.service-mesh")).toBe(false);
    expect(junior).not.toEqual(intermediate);
    expect(intermediate).not.toEqual(senior);
    expect(presetFor("JUNIOR").title).toBe("Junior Backend Developer");
    expect(presetFor("SENIOR").title).toBe("Senior Backend Developer");
    expect(presetFor("JUNIOR").summary).not.toBe(presetFor("SENIOR").summary);
  });

  it("copies the text, so later catalog edits leave the JD alone", () => {
    const items = catalog.items.map((item) => ({ ...item }));
    const doc = buildPreset({ level: "JUNIOR", template: BACKEND_DEVELOPER, catalogItems: items });
    const first = allItems(doc)[0]!;
    const original = first.text;
    items.find((item) => item.id === first.source?.catalogItemId)!.text = "Edited by an admin";
    expect(allItems(doc)[0]!.text).toBe(original);
  });

  it("leaves out retired items (no levels)", () => {
    const items = catalog.items.map((item) => (item.sourceKey === "skill.version-control.git" ? { ...item, levels: [] } : item));
    const doc = buildPreset({ level: "SENIOR", template: BACKEND_DEVELOPER, catalogItems: items });
    expect(allItems(doc).some((i) => i.source?.sourceKey === "skill.version-control.git")).toBe(false);
  });

  it.each(LEVELS)("the %s preset names one coherent stack, not every tool of the catalog", (level) => {
    const stack = presetFor(level).sections.find((s) => s.kind === "TOOL")!.items.map((i) => i.text).join(", ");
    for (const alternative of ["MySQL", "MongoDB", "Cassandra", "Jenkins", "CircleCI", "Memcached", "Bitbucket"]) expect(stack).not.toContain(alternative);
    expect(stack).toContain("PostgreSQL");
    expect(stack).toContain("GitHub Actions");
  });

  it("suggests SEO fields", () => {
    const doc = presetFor("SENIOR");
    expect(doc.seo.slug).toBe("senior-backend-developer");
    expect(doc.seo.metaDescription.length).toBeGreaterThan(50);
    expect(doc.seo.metaDescription.length).toBeLessThanOrEqual(160);
    expect(doc.seo.keywords).toContain("senior backend developer");
    expect(doc.seo.keywords).toContain("backend developer job");
  });

  it.each(LEVELS)("the %s preset raises no wording, requirement-count or degree findings", (level) => {
    const ruleIds = checkQuality(presetFor(level)).findings.map((f) => f.ruleId);
    expect(ruleIds.filter((id) => !["missing-salary", "reading-level"].includes(id))).toEqual([]);
  });
});
