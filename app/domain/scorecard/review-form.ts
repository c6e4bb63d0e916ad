import { z } from "zod";
import { RATINGS, type RatingValue } from "./ratings";

// A reviewer's form: one optional rating and note per competency, an overall recommendation and
// notes. Drafts may be partial; submitting needs everything rated.

export const REVIEW_LIMITS = { note: 2000, notes: 5000 } as const;

const rating = z.preprocess((v) => (v === "" ? undefined : v), z.enum(RATINGS, { error: "Choose strong no, no, yes or strong yes" }).optional());

export interface ReviewInput {
  intent: "save" | "submit";
  recommendation: RatingValue | null;
  notes: string;
  ratings: { competencyId: string; rating: RatingValue | null; note: string }[];
}

const baseSchema = z.object({
  intent: z.enum(["save", "submit"], { error: "Unknown action" }),
  recommendation: rating,
  notes: z.string().trim().max(REVIEW_LIMITS.notes, `Notes must be at most ${REVIEW_LIMITS.notes} characters`).default(""),
});

/** Field names: `rating.<competencyId>` and `note.<competencyId>` for each competency on the scorecard. */
export function parseReviewForm(form: Record<string, unknown>, competencyIds: readonly string[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const id of competencyIds) {
    shape[`rating.${id}`] = rating;
    shape[`note.${id}`] = z.string().trim().max(REVIEW_LIMITS.note, `A note must be at most ${REVIEW_LIMITS.note} characters`).default("");
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

/** Field errors that block a submit: every competency rated and a recommendation given. */
export function submitProblems(input: ReviewInput, nameOf: (id: string) => string): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const entry of input.ratings) {
    if (!entry.rating) problems[`rating.${entry.competencyId}`] = `Rate ${nameOf(entry.competencyId)} before submitting`;
  }
  if (!input.recommendation) problems.recommendation = "Give an overall recommendation before submitting";
  return problems;
}
