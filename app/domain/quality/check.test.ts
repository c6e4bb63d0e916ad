import { describe, expect, it } from "vitest";
import { applyOperation } from "../jd/operations";
import { completeJd, presetFor } from "../jd/test-fixtures";
import { checkQuality, findWording } from "./check";
import { fleschReadingEase } from "./readability";
import { LEVEL_RULES, WORDING_RULES } from "./rules";

const ruleIds = (doc: Parameters<typeof checkQuality>[0]) => checkQuality(doc).findings.map((f) => f.ruleId);

describe("wording rules", () => {
  it.each([
    ["We want a rockstar developer", "cliche-rockstar", "rockstar"],
    ["Are you a coding ninja?", "cliche-ninja", "ninja"],
    ["Join our young and dynamic team", "age-young", "young and dynamic"],
    ["He will own the billing service", "gendered-pronoun", "He"],
    ["The developer and his manager", "gendered-pronoun", "his"],
    ["He or she will review code", "gendered-he-or-she", "He or she"],
    ["A database guru", "cliche-ninja", "guru"],
    ["Ideal for a digital native", "age-digital-native", "digital native"],
    ["We lack manpower", "gendered-nouns", "manpower"],
    ["Native English speaker", "exclusionary-native-speaker", "Native English speaker"],
    ["A real rock-star engineer", "cliche-rockstar", "rock-star"],
    ["You hit the ground running", "cliche-phrases", "hit the ground running"],
  ])("flags %j", (text, ruleId, match) => {
    expect(findWording(text).map((m) => [m.rule.id, m.match])).toEqual([[ruleId, match]]);
  });

  describe.each(WORDING_RULES.map((rule) => [rule.id, rule] as const))("rule %s", (_id, rule) => {
    it.each(rule.examples)("flags %j", (example) => {
      expect(findWording(example).map((m) => m.rule.id)).toContain(rule.id);
    });
  });

  it.each([
    ["Hey guys, welcome", "gendered-guys"],
    ["We are a fast-paced team", "cliche-fast-paced"],
    ["An energetic backend developer", "age-energetic"],
  ])("flags %j (terms reported missing before)", (text, ruleId) => {
    expect(findWording(text).map((m) => m.rule.id)).toEqual([ruleId]);
  });

  it("matches whole words only", () => {
    expect(findWording("The theme: help the shepherd; Hershey; the youngest entry; guruji; manpowered")).toEqual([]);
  });

  it("offers replacements for every rule", () => {
    for (const rule of WORDING_RULES) expect(rule.suggestions.length, rule.id).toBeGreaterThan(0);
  });

  it("reports the item and section a phrase is in", () => {
    const doc = applyOperation(presetFor("SENIOR"), { op: "add-custom-item", kind: "REQUIRED_SKILL", text: "A true Kubernetes ninja", competencyId: null, id: "custom-ninja" });
    const finding = checkQuality(doc).findings.find((f) => f.ruleId === "cliche-ninja");
    expect(finding).toMatchObject({ location: { field: "section.REQUIRED_SKILL", label: "What you bring", itemId: "custom-ninja" }, match: "ninja", severity: "warning" });
    expect(finding?.suggestions).toContain("expert");
  });
});

describe("structural rules", () => {
  it("flags 13 required items on a junior JD", () => {
    let doc = completeJd("JUNIOR");
    for (const text of ["Rust", "Elixir", "Haskell"]) {
      doc = applyOperation(doc, { op: "add-custom-item", kind: "REQUIRED_SKILL", text: `Knowledge of ${text}`, competencyId: null });
    }
    expect(checkQuality(doc).requiredItems).toBe(13);
    expect(ruleIds(doc)).toContain("too-many-requirements");
  });

  it("warns when the stack names more tools than the level needs", () => {
    const doc = presetFor("SENIOR");
    expect(ruleIds(doc)).not.toContain("too-many-tools");
    const everything = applyOperation(doc, { op: "add-custom-item", kind: "TOOL", text: "MySQL, MongoDB, Cassandra, Jenkins and CircleCI", competencyId: null });
    const finding = checkQuality(everything).findings.find((f) => f.ruleId === "too-many-tools");
    expect(finding?.message).toMatch(/names 21 tools; more than 16/);
  });

  it("flags a missing salary and stops once one is set", () => {
    expect(ruleIds(presetFor("JUNIOR"))).toContain("missing-salary");
    expect(ruleIds(completeJd("JUNIOR"))).not.toContain("missing-salary");
  });

  it("flags too many required items for the level", () => {
    let doc = completeJd("JUNIOR");
    expect(ruleIds(doc)).not.toContain("too-many-requirements");
    doc = applyOperation(doc, { op: "add-custom-item", kind: "REQUIRED_SKILL", text: "Knowledge of Rust", competencyId: null });
    const finding = checkQuality(doc).findings.find((f) => f.ruleId === "too-many-requirements");
    expect(finding?.message).toMatch(/^11 required skills and qualifications is a lot for a junior role \(aim for 10 or fewer\)/);
    // The same count is fine for a senior role.
    expect(ruleIds({ ...doc, level: "SENIOR" })).not.toContain("too-many-requirements");
  });

  it("flags an unconditional degree requirement but not one that accepts experience", () => {
    const doc = applyOperation(completeJd("INTERMEDIATE"), { op: "add-custom-item", kind: "QUALIFICATION", text: "Bachelor's degree in Computer Science", competencyId: null, id: "custom-degree" });
    const finding = checkQuality(doc).findings.find((f) => f.ruleId === "degree-not-needed");
    expect(finding).toMatchObject({ location: { itemId: "custom-degree" }, match: "Bachelor's" });
    expect(ruleIds(completeJd("INTERMEDIATE"))).not.toContain("degree-not-needed");
    const rules = { wording: WORDING_RULES, levels: { ...LEVEL_RULES, INTERMEDIATE: { ...LEVEL_RULES.INTERMEDIATE, degreeNeeded: true } } };
    expect(checkQuality(doc, rules).findings.map((f) => f.ruleId)).not.toContain("degree-not-needed");
  });

  it("flags years of experience beyond the level", () => {
    const doc = applyOperation(completeJd("JUNIOR"), { op: "add-custom-item", kind: "QUALIFICATION", text: "5+ years of Java", competencyId: null });
    expect(checkQuality(doc).findings.find((f) => f.ruleId === "experience-above-level")?.message).toBe(
      "Asks for 5 years of experience, more than a junior role needs (up to 2).",
    );
    expect(ruleIds({ ...doc, level: "SENIOR" })).not.toContain("experience-above-level");
  });

  it("flags empty core sections", () => {
    const doc = { ...completeJd(), sections: completeJd().sections.map((s) => (s.kind === "RESPONSIBILITY" ? { ...s, items: [] } : s)) };
    expect(checkQuality(doc).findings.find((f) => f.ruleId === "empty-section")?.location.label).toBe("What you will do");
  });
});

describe("reading level", () => {
  it("scores plain text as easy and dense text as hard", () => {
    expect(fleschReadingEase(["You will write code. You will fix bugs. We ship every day."])).toBeGreaterThan(80);
    expect(
      fleschReadingEase([
        "Comprehensive institutionalisation of heterogeneous organisational interoperability considerations necessitates multidisciplinary collaboration.",
      ]),
    ).toBeLessThan(0);
    expect(fleschReadingEase([])).toBeNull();
  });

  it("reports the score and flags dense JDs", () => {
    const dense = {
      ...completeJd(),
      summary:
        "The successful incumbent will operationalise sophisticated, enterprise-grade, mission-critical infrastructural capabilities, facilitating organisational digitalisation initiatives and interdepartmental synchronisation.",
    };
    const report = checkQuality(dense);
    expect(report.readingEase).toBeLessThan(checkQuality(completeJd()).readingEase!);
    expect(report.readingLabel).toBeTypeOf("string");
    const finding = report.findings.find((f) => f.ruleId === "reading-level");
    expect(finding?.message).toMatch(/^Reading ease -?\d+(\.\d)? \((fairly difficult|very difficult)\); aim for 50 or more/);
  });
});
