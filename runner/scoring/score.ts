// Pure scoring: no I/O, no Prisma. A competency's score is the share of its points earned; the
// overall score applies the assessment's weights to those scores, renormalised over the weighted
// competencies that actually had tests (an untested competency neither helps nor hurts).

export interface ScorableResult {
  competency: string;
  points: number;
  earned: number;
}

export interface CompetencyScore {
  earned: number;
  possible: number;
  /** earned ÷ possible, 0..1. */
  score: number;
}

export interface ScoreSummary {
  /** 0..1 */
  overall: number;
  competencies: Record<string, CompetencyScore>;
}

function roundScore(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function scoreResults(results: readonly ScorableResult[], weights: Readonly<Record<string, number>>): ScoreSummary {
  const totals = new Map<string, { earned: number; possible: number }>();
  for (const result of results) {
    if (!(result.points >= 0) || !(result.earned >= 0) || result.earned > result.points + 1e-9) {
      throw new RangeError(
        `result for competency ${result.competency} has earned=${result.earned} of points=${result.points}`,
      );
    }
    const entry = totals.get(result.competency) ?? { earned: 0, possible: 0 };
    entry.earned += result.earned;
    entry.possible += result.points;
    totals.set(result.competency, entry);
  }

  const competencies: Record<string, CompetencyScore> = {};
  for (const [id, { earned, possible }] of [...totals].sort(([a], [b]) => a.localeCompare(b))) {
    competencies[id] = { earned, possible, score: possible > 0 ? roundScore(earned / possible) : 0 };
  }

  let weightSum = 0;
  let weighted = 0;
  for (const [id, weight] of Object.entries(weights)) {
    const competency = competencies[id];
    if (!competency || competency.possible === 0 || !(weight > 0)) continue;
    weightSum += weight;
    weighted += weight * (competency.earned / competency.possible);
  }
  return { overall: weightSum > 0 ? roundScore(weighted / weightSum) : 0, competencies };
}
