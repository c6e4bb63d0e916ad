// Mirrors the Rating enum of prisma/schema.prisma so domain code can name it without Prisma.
export const RATINGS = ["STRONG_NO", "NO", "YES", "STRONG_YES"] as const;
export type RatingValue = (typeof RATINGS)[number];

export const RATING_LABELS: Record<RatingValue, string> = {
  STRONG_NO: "Strong no",
  NO: "No",
  YES: "Yes",
  STRONG_YES: "Strong yes",
};

export function isRating(value: unknown): value is RatingValue {
  return typeof value === "string" && (RATINGS as readonly string[]).includes(value);
}

export interface RecommendationTally {
  counts: Record<RatingValue, number>;
  total: number;
}

export function tallyRecommendations(recommendations: readonly (RatingValue | null)[]): RecommendationTally {
  const counts: Record<RatingValue, number> = { STRONG_NO: 0, NO: 0, YES: 0, STRONG_YES: 0 };
  let total = 0;
  for (const value of recommendations) {
    if (!value) continue;
    counts[value] += 1;
    total += 1;
  }
  return { counts, total };
}

/** "2 × Yes, 1 × Strong no" in rating order, strongest yes first; "No recommendations yet" when empty. */
export function describeTally(tally: RecommendationTally): string {
  if (tally.total === 0) return "No recommendations yet";
  return [...RATINGS]
    .reverse()
    .filter((rating) => tally.counts[rating] > 0)
    .map((rating) => `${tally.counts[rating]} × ${RATING_LABELS[rating]}`)
    .join(", ");
}

export function formatPercent(score: number | null | undefined): string {
  return score === null || score === undefined ? "—" : `${Math.round(score * 100)} %`;
}
