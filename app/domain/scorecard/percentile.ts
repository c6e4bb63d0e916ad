// Where one candidate's overall score sits among everyone graded on the same assessment.

/** Below this many graded candidates a percentile says more about chance than about the candidate. */
export const PERCENTILE_MIN_COUNT = 5;

export const DISTRIBUTION_BINS = 10;

/**
 * The share of the cohort (the candidate included) scoring below `score`, counting ties as half:
 * the mid-rank percentile, 0..100. Null when the cohort is smaller than the minimum.
 */
export function percentileOf(score: number, cohort: readonly number[], minCount = PERCENTILE_MIN_COUNT): number | null {
  if (cohort.length < minCount) return null;
  let below = 0;
  let equal = 0;
  for (const other of cohort) {
    if (other < score) below += 1;
    else if (other === score) equal += 1;
  }
  return Math.round(((below + equal / 2) / cohort.length) * 100);
}

/** Counts per 10-point band of 0..1 scores; a perfect score falls into the top band. */
export function histogram(scores: readonly number[], bins = DISTRIBUTION_BINS): number[] {
  const counts = Array.from({ length: bins }, () => 0);
  for (const score of scores) counts[binOf(score, bins)] += 1;
  return counts;
}

export function binOf(score: number, bins = DISTRIBUTION_BINS): number {
  return Math.min(bins - 1, Math.max(0, Math.floor(score * bins)));
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
}
