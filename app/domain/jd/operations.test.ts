import { describe, expect, it } from "vitest";
import { allItems, jdDocumentSchema, sectionOf } from "./document";
import { applyOperation, findItem, JdOperationError } from "./operations";
import { catalog, presetFor } from "./test-fixtures";

const texts = (doc: ReturnType<typeof presetFor>, kind: Parameters<typeof sectionOf>[1]) =>
  sectionOf(doc, kind)!.items.map((item) => item.text);

describe("composer operations", () => {
  const base = presetFor("JUNIOR");
  const responsibilities = sectionOf(base, "RESPONSIBILITY")!.items;

  it("adds a catalog item to the end of its section, linked to its source", () => {
    const leadTeam = catalog.items.find((i) => i.sourceKey === "responsibility.leadership.lead-team")!;
    const doc = applyOperation(base, { op: "add-catalog-item", item: leadTeam });
    const section = sectionOf(doc, "RESPONSIBILITY")!;
    expect(section.items.at(-1)).toMatchObject({ text: leadTeam.text, competencyId: "leadership", source: { sourceKey: leadTeam.sourceKey } });
    expect(section.items).toHaveLength(responsibilities.length + 1);
    expect(sectionOf(base, "RESPONSIBILITY")!.items).toHaveLength(responsibilities.length);
  });

  it("refuses to add the same catalog item twice", () => {
    const present = catalog.items.find((i) => i.id === responsibilities[0]!.source!.catalogItemId)!;
    expect(() => applyOperation(base, { op: "add-catalog-item", item: present })).toThrow(JdOperationError);
    expect(() => applyOperation(base, { op: "add-catalog-item", item: present })).toThrow(/already in this job description/);
  });

  it("adds custom items with no source, and trims their text", () => {
    const doc = applyOperation(base, { op: "add-custom-item", kind: "NICE_TO_HAVE", text: "  Experience with   payment systems ", competencyId: null, id: "custom-1" });
    expect(findItem(doc, "custom-1")?.item).toEqual({ id: "custom-1", text: "Experience with payment systems", competencyId: null, source: null });
    expect(jdDocumentSchema.safeParse(doc).success).toBe(true);
  });

  it("creates a missing section when a custom item needs one", () => {
    const withoutMetrics = { ...base, sections: base.sections.filter((s) => s.kind !== "METRIC") };
    const doc = applyOperation(withoutMetrics, { op: "add-custom-item", kind: "METRIC", text: "Checkout conversion", competencyId: "performance" });
    expect(sectionOf(doc, "METRIC")).toMatchObject({ heading: "How we measure success", items: [{ text: "Checkout conversion" }] });
  });

  it("refuses empty and over-long text with a message", () => {
    expect(() => applyOperation(base, { op: "add-custom-item", kind: "TOOL", text: "   ", competencyId: null })).toThrow("An item needs some text.");
    expect(() => applyOperation(base, { op: "edit-item", itemId: responsibilities[0]!.id, text: "x".repeat(401) })).toThrow(/at most 400 characters; this one has 401/);
  });

  it("removes an item", () => {
    const doc = applyOperation(base, { op: "remove-item", itemId: responsibilities[1]!.id });
    expect(texts(doc, "RESPONSIBILITY")).toEqual(responsibilities.filter((_, i) => i !== 1).map((i) => i.text));
  });

  it("moves an item up and down within its section, and leaves it at the edges", () => {
    const [a, b, c] = responsibilities.map((i) => i.text);
    const down = applyOperation(base, { op: "move-item", itemId: responsibilities[0]!.id, direction: "down" });
    expect(texts(down, "RESPONSIBILITY").slice(0, 3)).toEqual([b, a, c]);
    const up = applyOperation(down, { op: "move-item", itemId: responsibilities[0]!.id, direction: "up" });
    expect(texts(up, "RESPONSIBILITY")).toEqual(texts(base, "RESPONSIBILITY"));
    expect(applyOperation(base, { op: "move-item", itemId: responsibilities[0]!.id, direction: "up" })).toBe(base);
    const last = responsibilities.at(-1)!;
    expect(applyOperation(base, { op: "move-item", itemId: last.id, direction: "down" })).toBe(base);
  });

  it("edits an item's text and keeps its source link", () => {
    const doc = applyOperation(base, { op: "edit-item", itemId: responsibilities[0]!.id, text: "Build server-side features in TypeScript." });
    expect(findItem(doc, responsibilities[0]!.id)?.item).toMatchObject({ text: "Build server-side features in TypeScript.", source: responsibilities[0]!.source });
  });

  it("reports an item that is gone", () => {
    expect(() => applyOperation(base, { op: "remove-item", itemId: "nope" })).toThrow(/no longer in this job description/);
  });

  it("never changes the input document", () => {
    const before = JSON.stringify(base);
    applyOperation(base, { op: "remove-item", itemId: responsibilities[0]!.id });
    applyOperation(base, { op: "move-item", itemId: responsibilities[0]!.id, direction: "down" });
    applyOperation(base, { op: "edit-item", itemId: responsibilities[0]!.id, text: "Changed" });
    expect(JSON.stringify(base)).toBe(before);
    expect(allItems(base)).toHaveLength(allItems(presetFor("JUNIOR")).length);
  });
});
