import { describe, expect, it } from "vitest";
import { scoreResults } from "../../../runner/scoring/score";
import { competencyRows, competencyScores, type ScoredTest } from "./competencies";

const tests: ScoredTest[] = [
  { competencyId: "api-design", points: 2, outcome: "PASSED" },
  { competencyId: "api-design", points: 2, outcome: "FAILED" },
  { competencyId: "security", points: 1, outcome: "ERROR" },
];

describe("competencyScores", () => {
  it("rebuilds all-or-nothing totals from test rows when nothing is stored", () => {
    expect(competencyScores(null, tests)).toEqual({
      "api-design": { earned: 2, possible: 4, score: 0.5 },
      security: { earned: 0, possible: 1, score: 0 },
    });
  });

  it("prefers the runner's stored scores, which carry partial credit", () => {
    const stored = scoreResults(
      [
        { competency: "performance", points: 4, earned: 3 },
        { competency: "api-design", points: 2, earned: 2 },
      ],
      { performance: 1, "api-design": 1 },
    ).competencies;
    expect(competencyScores(stored, tests)).toEqual(stored);
    expect(competencyScores({ broken: "yes" }, tests)["api-design"].score).toBe(0.5);
  });
});

describe("competencyRows", () => {
  it("joins scores, weights, test counts and the JD's demand in catalog order", () => {
    const rows = competencyRows({
      jd: {
        sections: [
          { kind: "REQUIRED_SKILL", items: [{ text: "Designs clean APIs", competencyId: "api-design" }] },
          { kind: "NICE_TO_HAVE", items: [{ text: "Knows Redis", competencyId: "caching" }] },
        ],
      },
      weights: { security: 30, "api-design": 70 },
      scores: competencyScores(null, tests),
      tests,
      info: (id) => ({ name: `Name of ${id}`, expectation: `Expect ${id}` }),
    });
    expect(rows.map((r) => r.id)).toEqual(["api-design", "caching", "security"]);
    expect(rows[0]).toMatchObject({ weight: 70, testsPassed: 1, testsTotal: 2, requirement: "required", jdItems: ["Designs clean APIs"], score: { score: 0.5 } });
    expect(rows[1]).toMatchObject({ weight: 0, score: null, requirement: "nice-to-have", testsTotal: 0 });
    expect(rows[2]).toMatchObject({ requirement: "not-in-jd", score: { earned: 0, possible: 1 } });
  });

  it("lists only skill items beside the scores, never a degree or a responsibility", () => {
    const rows = competencyRows({
      jd: {
        sections: [
          { kind: "QUALIFICATION", items: [{ text: "A degree in computer science", competencyId: "problem-solving" }] },
          { kind: "RESPONSIBILITY", items: [{ text: "Own the API", competencyId: "api-design" }] },
          { kind: "REQUIRED_SKILL", items: [{ text: "Breaks problems down", competencyId: "problem-solving" }] },
        ],
      },
      weights: { "api-design": 1 },
      scores: {},
      tests: [],
      info: (id) => ({ name: id, expectation: null }),
    });
    expect(rows.find((r) => r.id === "problem-solving")).toMatchObject({ jdItems: ["Breaks problems down"], requirement: "required", assessed: false });
    expect(rows.find((r) => r.id === "api-design")).toMatchObject({ jdItems: [], requirement: "not-in-jd", assessed: true });
  });

  it("shows no expectation without a JD", () => {
    const rows = competencyRows({ jd: null, weights: { security: 1 }, scores: {}, tests: [], info: () => ({ name: "Security", expectation: "x" }) });
    expect(rows).toEqual([expect.objectContaining({ id: "security", expectation: null, requirement: "not-in-jd" })]);
  });
});
