import { z } from "zod";
import { COMPETENCY_IDS } from "../catalog/competency-ids";
import { SKILL_KINDS, jdDemands, type JdRequirementSource, type Requirement } from "./coverage";

// The per-competency rows of a scorecard: the automated score next to what the linked JD asks
// for that competency at its level.

export interface CompetencyScore {
  earned: number;
  possible: number;
  /** earned ÷ possible, 0..1 */
  score: number;
}

// The runner stores runner/scoring's ScoreSummary.competencies on Submission.competencyScores.
const storedScoresSchema = z.record(
  z.string(),
  z.object({ earned: z.number().min(0), possible: z.number().min(0), score: z.number().min(0).max(1) }),
);

export interface ScoredTest {
  competencyId: string;
  points: number;
  outcome: "PASSED" | "FAILED" | "ERROR";
}

/**
 * The runner's stored per-competency scores when present (they include partial credit from
 * measured tests); otherwise totals rebuilt from the test rows, all-or-nothing per test.
 */
export function competencyScores(stored: unknown, tests: readonly ScoredTest[]): Record<string, CompetencyScore> {
  const parsed = storedScoresSchema.safeParse(stored);
  if (parsed.success && Object.keys(parsed.data).length > 0) return parsed.data;
  const totals: Record<string, CompetencyScore> = {};
  for (const test of tests) {
    const entry = (totals[test.competencyId] ??= { earned: 0, possible: 0, score: 0 });
    entry.possible += test.points;
    if (test.outcome === "PASSED") entry.earned += test.points;
  }
  for (const entry of Object.values(totals)) entry.score = entry.possible > 0 ? entry.earned / entry.possible : 0;
  return totals;
}

export interface CompetencyInfo {
  name: string;
  /** What the catalog expects at the JD's level; null without a JD or a catalog row. */
  expectation: string | null;
}

export interface CompetencyRow {
  id: string;
  name: string;
  /** The assessment's weight for this competency, 0 when unweighted. */
  weight: number;
  score: CompetencyScore | null;
  testsPassed: number;
  testsTotal: number;
  requirement: Requirement | "not-in-jd";
  jdItems: string[];
  expectation: string | null;
  /** The assessment tests or weights it: a reviewer has evidence, so a rating is required. */
  assessed: boolean;
}

export interface CompetencyRowsInput {
  jd: JdRequirementSource | null;
  weights: Readonly<Record<string, number>>;
  scores: Readonly<Record<string, CompetencyScore>>;
  tests: readonly ScoredTest[];
  info: (id: string) => CompetencyInfo;
}

export function competencyOrder(ids: Iterable<string>): string[] {
  const rank = (id: string) => {
    const index = (COMPETENCY_IDS as readonly string[]).indexOf(id);
    return index === -1 ? COMPETENCY_IDS.length : index;
  };
  return [...new Set(ids)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Every competency the assessment weights or tests, or the JD mentions, in catalog order. */
export function competencyRows({ jd, weights, scores, tests, info }: CompetencyRowsInput): CompetencyRow[] {
  const demands = jd ? jdDemands(jd, SKILL_KINDS) : new Map();
  const ids = competencyOrder([
    ...Object.keys(weights).filter((id) => weights[id] > 0),
    ...Object.keys(scores),
    ...tests.map((t) => t.competencyId),
    ...demands.keys(),
  ]);
  return ids.map((id) => {
    const own = tests.filter((t) => t.competencyId === id);
    const demand = demands.get(id);
    const { name, expectation } = info(id);
    return {
      id,
      name,
      weight: weights[id] ?? 0,
      score: scores[id] ?? null,
      testsPassed: own.filter((t) => t.outcome === "PASSED").length,
      testsTotal: own.length,
      requirement: demand?.requirement ?? "not-in-jd",
      jdItems: demand?.items ?? [],
      expectation: jd ? expectation : null,
      assessed: own.length > 0 || (weights[id] ?? 0) > 0,
    };
  });
}
