import { z } from "zod";

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 5;

const compareIdsSchema = z
  .array(z.uuid("Each candidate must be given by its invitation id"))
  .min(COMPARE_MIN, `Choose at least ${COMPARE_MIN} candidates to compare`)
  .max(COMPARE_MAX, `Compare at most ${COMPARE_MAX} candidates at a time`);

/** Accepts `ids=a,b` and repeated `ids=a&ids=b`; duplicates count once. */
export function parseCompareIds(params: URLSearchParams) {
  const ids = [...new Set(params.getAll("ids").flatMap((value) => value.split(",")).map((v) => v.trim()).filter(Boolean))];
  return compareIdsSchema.safeParse(ids);
}
