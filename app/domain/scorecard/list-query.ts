import { z } from "zod";
import { safeText } from "../safe-text";
import { SUBMISSION_STATUSES, type SubmissionStatus } from "../../../runner/contract/submission";

// The submissions list's filters, sort and paging as they appear in the URL.

export { SUBMISSION_STATUSES };
export type SubmissionStatusName = SubmissionStatus;
export const SORTS = ["date", "score", "candidate"] as const;
export const PAGE_SIZES = [10, 25, 50, 100] as const;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

const percent = (name: string) =>
  optional(
    z.coerce
      .number({ error: `${name} must be a number` })
      .min(0, `${name} must be between 0 and 100`)
      .max(100, `${name} must be between 0 and 100`),
  );

export const submissionQuerySchema = z
  .object({
    jd: optional(z.uuid("Choose a job description from the list")),
    assessment: optional(safeText().max(200)),
    status: optional(z.enum(SUBMISSION_STATUSES, { error: "Choose a status from the list" })),
    minScore: percent("Minimum score"),
    maxScore: percent("Maximum score"),
    sort: optional(z.enum(SORTS, { error: "Sort by date, score or candidate" })).transform((v) => v ?? "date"),
    dir: optional(z.enum(["asc", "desc"], { error: "Direction must be asc or desc" })).transform((v) => v ?? "desc"),
    page: optional(z.coerce.number().int("Page must be a whole number").min(1, "Page starts at 1")).transform((v) => v ?? 1),
    pageSize: optional(
      z.coerce.number().refine((n) => (PAGE_SIZES as readonly number[]).includes(n), `Page size must be one of ${PAGE_SIZES.join(", ")}`),
    ).transform((v) => v ?? 25),
  })
  .refine((q) => q.minScore === undefined || q.maxScore === undefined || q.minScore <= q.maxScore, {
    message: "Minimum score must not exceed the maximum",
    path: ["maxScore"],
  });

export type SubmissionQuery = z.infer<typeof submissionQuerySchema>;

export function parseSubmissionQuery(params: URLSearchParams) {
  return submissionQuerySchema.safeParse(Object.fromEntries(params));
}

/** The query string for the same filters with some fields replaced (for sort links and paging). */
export function queryString(query: SubmissionQuery, changes: Partial<SubmissionQuery> = {}): string {
  const merged = { ...query, ...changes };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined) continue;
    params.set(key, String(value));
  }
  return params.toString();
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
