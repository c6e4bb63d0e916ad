import { describe, expect, it } from "vitest";
import { completeJd } from "../jd/test-fixtures";
import type { JdRequirementSource } from "./coverage";
import { coverageFor, coverageWarnings, jdDemands, SKILL_KINDS } from "./coverage";

const jd: JdRequirementSource = {
  sections: [
    { kind: "RESPONSIBILITY", items: [{ text: "Design REST APIs", competencyId: "api-design" }] },
    {
      kind: "REQUIRED_SKILL",
      items: [
        { text: "SQL and schema design", competencyId: "database-design" },
        { text: "A friendly attitude", competencyId: null },
      ],
    },
    {
      kind: "NICE_TO_HAVE",
      items: [
        { text: "Redis caching", competencyId: "caching" },
        { text: "More API work", competencyId: "api-design" },
      ],
    },
    { kind: "TOOL", items: [{ text: "GitHub Actions", competencyId: "ci-cd" }] },
  ],
};

describe("jdDemands", () => {
  it("classifies by section and keeps the strongest requirement and every item", () => {
    const demands = jdDemands(jd);
    expect(demands.get("api-design")).toEqual({ requirement: "required", items: ["Design REST APIs", "More API work"] });
    expect(demands.get("database-design")?.requirement).toBe("required");
    expect(demands.get("caching")?.requirement).toBe("nice-to-have");
    expect(demands.get("ci-cd")?.requirement).toBe("mentioned");
    expect(demands.has("security")).toBe(false);
  });
});

describe("coverageFor", () => {
  it("finds required competencies without tests and tests the JD never mentions", () => {
    const coverage = coverageFor(jd, { "api-design": 60, security: 40, auth: 0 }, ["api-design", "security", "auth"]);
    expect(coverage.requiredNotTested).toEqual(["database-design"]);
    expect(coverage.testedNotInJd).toEqual(["auth", "security"]);
    expect(coverage.testedButUnweighted).toEqual(["auth"]);
  });

  it("reports nothing when the assessment tests exactly what the JD requires", () => {
    const coverage = coverageFor(jd, { "api-design": 1, "database-design": 1 }, ["database-design", "api-design"]);
    expect(coverage).toEqual({ requiredNotTested: [], testedNotInJd: [], testedButUnweighted: [] });
    expect(coverageWarnings(coverage, (id) => id)).toEqual([]);
  });

  it("words warnings with competency names", () => {
    const coverage = coverageFor(jd, { security: 1 }, ["security"]);
    const warnings = coverageWarnings(coverage, (id) => id.toUpperCase());
    expect(warnings[0]).toBe("The JD requires DATABASE-DESIGN, but the assessment has no test for it.");
    expect(warnings[1]).toBe("The assessment tests SECURITY, which the JD never mentions.");
  });

  it("reads only the skills the scorecard lists: a degree or a responsibility is no requirement to test", () => {
    const withQualification: JdRequirementSource = {
      sections: [...jd.sections, { kind: "QUALIFICATION", items: [{ text: "A degree in computer science", competencyId: "problem-solving" }] }],
    };
    const coverage = coverageFor(withQualification, { "database-design": 1 }, ["database-design"]);
    expect(coverage.requiredNotTested).toEqual([]);
    expect(coverageWarnings(coverage, (id) => id)).toEqual([]);
  });

  it("works on a real composed JD document", () => {
    const doc = completeJd("JUNIOR");
    const coverage = coverageFor(doc, { "api-design": 1 }, ["api-design"]);
    const required = [...jdDemands(doc, SKILL_KINDS)].filter(([, d]) => d.requirement === "required").map(([id]) => id);
    expect(required.length).toBeGreaterThan(1);
    expect(coverage.requiredNotTested).toEqual(expect.arrayContaining(required.filter((id) => id !== "api-design")));
    expect(coverage.requiredNotTested).not.toContain("api-design");
  });
});
