import { describe, expect, it } from "vitest";
import { sectionOf, type JdDocument } from "./document";
import { describeChange, diffDocuments } from "./diff";
import { applyOperation } from "./operations";
import { presetFor } from "./test-fixtures";

describe("version diff", () => {
  const v1 = presetFor("INTERMEDIATE");
  const items = sectionOf(v1, "RESPONSIBILITY")!.items;

  it("is empty for identical documents", () => {
    expect(diffDocuments(v1, structuredClone(v1))).toEqual([]);
  });

  it("reports field, added, removed, edited and moved items in readable sentences", () => {
    let v2: JdDocument = { ...v1, title: "Backend Engineer", salary: { min: 60000, max: 80000, currency: "EUR", period: "YEAR" as const } };
    v2 = applyOperation(v2, { op: "remove-item", itemId: items[2]!.id });
    v2 = applyOperation(v2, { op: "edit-item", itemId: items[1]!.id, text: "Design and document our REST APIs." });
    v2 = applyOperation(v2, { op: "move-item", itemId: items[4]!.id, direction: "up" });
    v2 = applyOperation(v2, { op: "add-custom-item", kind: "RESPONSIBILITY", text: "Join the on-call rota one week in six.", competencyId: "observability", id: "custom-oncall" });

    const lines = diffDocuments(v1, v2).map(describeChange);
    expect(lines).toEqual([
      "Title: “Backend Developer” → “Backend Engineer”",
      "Salary: (empty) → “€60,000 – €80,000 per year”",
      `What you will do: removed “${items[2]!.text}”`,
      `What you will do: changed “${items[1]!.text}” to “Design and document our REST APIs.”`,
      `What you will do: added “Join the on-call rota one week in six.” at position ${items.length}`,
      `What you will do: moved “${items[4]!.text}” to after “Design and document our REST APIs.”`,
    ]);
  });

  it("reports a single moved item rather than every item it passed", () => {
    let v2 = v1;
    for (let i = 0; i < 3; i++) v2 = applyOperation(v2, { op: "move-item", itemId: items[0]!.id, direction: "down" });
    const changes = diffDocuments(v1, v2);
    expect(changes).toEqual([{ type: "item-moved", section: "What you will do", text: items[0]!.text, after: items[3]!.text }]);
    const top = applyOperation(v1, { op: "move-item", itemId: items[1]!.id, direction: "up" });
    expect(diffDocuments(v1, top).map(describeChange)).toEqual([`What you will do: moved “${items[1]!.text}” to the top`]);
  });

  it("reports renamed sections and changed list fields", () => {
    const v2 = {
      ...v1,
      benefits: ["Learning budget"],
      sections: v1.sections.map((s) => (s.kind === "TOOL" ? { ...s, heading: "Tools we use" } : s)),
    };
    expect(diffDocuments(v1, v2).map(describeChange)).toEqual([
      "Benefits: (empty) → “Learning budget”",
      "Section renamed from “Our stack” to “Tools we use”",
    ]);
  });
});
