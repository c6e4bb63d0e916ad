import { describe, expect, it } from "vitest";
import { scoreResults } from "./score";

const r = (competency: string, points: number, earned: number) => ({ competency, points, earned });

describe("scoreResults", () => {
  it("scores a competency as points earned over points possible", () => {
    const summary = scoreResults([r("api-design", 2, 2), r("api-design", 3, 0), r("security", 1, 1)], {
      "api-design": 1,
    });
    expect(summary.competencies["api-design"]).toEqual({ earned: 2, possible: 5, score: 0.4 });
    expect(summary.competencies.security).toEqual({ earned: 1, possible: 1, score: 1 });
  });

  it("applies weights to competency scores for the overall", () => {
    const summary = scoreResults([r("api-design", 4, 4), r("security", 2, 0)], { "api-design": 0.75, security: 0.25 });
    expect(summary.overall).toBeCloseTo(0.75, 6);
  });

  it("renormalises weights over competencies that have tests", () => {
    const summary = scoreResults([r("api-design", 2, 1)], { "api-design": 0.5, performance: 0.5 });
    expect(summary.overall).toBeCloseTo(0.5, 6);
    expect(summary.competencies.performance).toBeUndefined();
  });

  it("ignores tested competencies that carry no weight in the overall", () => {
    const summary = scoreResults([r("api-design", 1, 1), r("observability", 1, 0)], { "api-design": 1 });
    expect(summary.overall).toBe(1);
    expect(summary.competencies.observability.score).toBe(0);
  });

  it("counts fractional credit from measured tests", () => {
    const summary = scoreResults([r("performance", 4, 3), r("performance", 4, 4)], { performance: 1 });
    expect(summary.competencies.performance).toEqual({ earned: 7, possible: 8, score: 0.875 });
    expect(summary.overall).toBeCloseTo(0.875, 6);
  });

  it("gives 0 overall when nothing weighted was tested", () => {
    expect(scoreResults([], { "api-design": 1 })).toEqual({ overall: 0, competencies: {} });
  });

  it("does not depend on result order", () => {
    const results = [r("api-design", 1, 1), r("security", 2, 1), r("api-design", 3, 0), r("security", 1, 1)];
    const weights = { "api-design": 2, security: 1 };
    expect(scoreResults([...results].reverse(), weights)).toEqual(scoreResults(results, weights));
  });

  it("refuses results that earn more than their points", () => {
    expect(() => scoreResults([r("api-design", 1, 2)], { "api-design": 1 })).toThrow(/earned=2 of points=1/);
  });
});
