// The JSON columns the runner writes and the web app reads: one schema each, so a change to what
// the prober records is a change here, seen by both sides.
import { z } from "zod";

/** Missing or malformed headers (rows written by older runners) read as none. */
const headersSchema = z.record(z.string(), z.string()).catch({});

export const evidenceRequestSchema = z.looseObject({
  method: z.string(),
  url: z.string(),
  headers: headersSchema,
  body: z.string().optional(),
});

export const evidenceResponseSchema = z.looseObject({
  status: z.number(),
  headers: headersSchema,
  body: z.string(),
});

/** One request a test made and, when one arrived, the response. */
export const evidenceExchangeSchema = z.looseObject({
  request: evidenceRequestSchema,
  response: evidenceResponseSchema.optional(),
});

/** `TestResult.evidence`: the exchanges of one test, in order. */
export const evidenceSchema = z.array(evidenceExchangeSchema);

export type EvidenceRequest = z.infer<typeof evidenceRequestSchema>;
export type EvidenceExchange = z.infer<typeof evidenceExchangeSchema>;
export type Evidence = z.infer<typeof evidenceSchema>;

/** `Submission.competencyScores`: points earned and possible per competency id, score 0..1. */
export const competencyScoresSchema = z.record(
  z.string(),
  z.looseObject({ earned: z.number(), possible: z.number(), score: z.number() }),
);

/** `Submission.stageTimings`: milliseconds per stage that ran, plus total. */
export const stageTimingsSchema = z.looseObject({ total: z.number() }).catchall(z.number());
