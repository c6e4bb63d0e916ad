import { competencyOrder } from "~/domain/scorecard/competencies";
import type { Requirement } from "~/domain/scorecard/coverage";
import { tallyRecommendations, type RatingValue, type RecommendationTally } from "~/domain/scorecard/ratings";
import { loadScorecardSummary, type Viewer } from "./scorecard.server";

export interface ComparedCandidate {
  invitationId: string;
  name: string;
  assessmentTitle: string;
  attempt: number | null;
  overallScore: number | null;
  recommendations: RecommendationTally;
  hiddenReviews: number;
  /** Per competency: the score, the JD's demand, and each visible submitted review's rating (null: not assessed). */
  competencies: Record<string, { score: number | null; requirement: Requirement | "not-in-jd"; ratings: (RatingValue | null)[] }>;
}

export interface Comparison {
  competencies: { id: string; name: string }[];
  candidates: ComparedCandidate[];
}

/** Counted attempts side by side, with the same blind-review rule as each scorecard. */
export async function compareCandidates(invitationIds: readonly string[], viewer: Viewer): Promise<Comparison> {
  const summaries = await Promise.all(invitationIds.map((id) => loadScorecardSummary(id, viewer)));
  const names = new Map<string, string>();
  const candidates = summaries.map((summary): ComparedCandidate => {
    for (const c of summary.competencies) names.set(c.id, c.name);
    const submitted = [...summary.reviews.others, ...(summary.reviews.own?.submittedAt ? [summary.reviews.own] : [])];
    return {
      invitationId: summary.invitation.id,
      name: summary.invitation.candidateName,
      assessmentTitle: summary.assessment.title,
      attempt: summary.selected?.attempt ?? null,
      overallScore: summary.selected?.overallScore ?? null,
      recommendations: tallyRecommendations(submitted.map((review) => review.recommendation)),
      hiddenReviews: summary.reviews.hiddenCount,
      competencies: Object.fromEntries(
        summary.competencies.map((c) => [
          c.id,
          { score: c.score?.score ?? null, requirement: c.requirement, ratings: submitted.map((review) => review.ratings[c.id]?.rating ?? null) },
        ]),
      ),
    };
  });
  return { competencies: competencyOrder(names.keys()).map((id) => ({ id, name: names.get(id)! })), candidates };
}
