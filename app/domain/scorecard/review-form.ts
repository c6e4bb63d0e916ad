import { z } from "zod";
import { safeText } from "../safe-text";
import { RATINGS, type RatingValue } from "./ratings";

// A reviewer's form: one rating ("not assessed" allowed) and note per competency, an overall
// recommendation and notes. Drafts may be partial; submitting needs a real rating for every
// competency the assessment tests, because only there does the reviewer have evidence to judge.
// Everything else may stay "not assessed" rather than be guessed.

export const REVIEW_LIMITS = { note: 2000, notes: 5000 } as const;

/** The form value of the "not assessed" choice; stored as the absence of a rating. */
export const NOT_ASSESSED = "NOT_ASSESSED";

const rating = z.preprocess((v) => (v === "" ? undefined : v), z.enum(RATINGS, { error: "Choose strong no, no, yes or strong yes" }).optional());
const competencyRating = z.preprocess(
  (v) => (v === "" || v === NOT_ASSESSED ? undefined : v),
  z.enum(RATINGS, { error: "Choose strong no, no, yes, strong yes or not assessed" }).optional(),
);

export interface ReviewInput {
  intent: "save" | "submit";
  recommendation: RatingValue | null;
  notes: string;
  ratings: { competencyId: string; rating: RatingValue | null; note: string }[];
}

const baseSchema = z.object({
  intent: z.enum(["save", "submit"], { error: "Unknown action" }),
  recommendation: rating,
  notes: safeText().trim().max(REVIEW_LIMITS.notes, `Notes must be at most ${REVIEW_LIMITS.notes} characters`).default(""),
});

/** Field names: `rating.<competencyId>` and `note.<competencyId>` for each competency on the scorecard. */
export function parseReviewForm(form: Record<string, unknown>, competencyIds: readonly string[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const id of competencyIds) {
    shape[`rating.${id}`] = competencyRating;
    shape[`note.${id}`] = safeText().trim().max(REVIEW_LIMITS.note, `A note must be at most ${REVIEW_LIMITS.note} characters`).default("");
  }
  const schema = z.object({ ...baseSchema.shape, ...shape }).transform((value): ReviewInput => {
    const record = value as Record<string, unknown>;
    const base = baseSchema.parse(record);
    return {
      intent: base.intent,
      recommendation: base.recommendation ?? null,
      notes: base.notes,
      ratings: competencyIds.map((id) => ({
        competencyId: id,
        rating: (record[`rating.${id}`] as RatingValue | undefined) ?? null,
        note: (record[`note.${id}`] as string | undefined) ?? "",
      })),
    };
  });
  return schema.safeParse(form);
}

/**
 * Field errors that block a submit: every competency in `mustRate` (those the assessment tests)
 * rated, and a recommendation given. Other competencies may stay "not assessed".
 */
export function submitProblems(input: ReviewInput, mustRate: ReadonlySet<string>, nameOf: (id: string) => string): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const entry of input.ratings) {
    if (!entry.rating && mustRate.has(entry.competencyId)) {
      problems[`rating.${entry.competencyId}`] = `Rate ${nameOf(entry.competencyId)} before submitting: the assessment tests it`;
    }
  }
  if (!input.recommendation) problems.recommendation = "Give an overall recommendation before submitting";
  return problems;
}
