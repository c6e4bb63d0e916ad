import { describe, expect, it } from "vitest";
import { visibleReviews } from "./visibility";

const reviews = [
  { reviewerId: "ann", submittedAt: new Date("2026-01-01") },
  { reviewerId: "bob", submittedAt: null },
  { reviewerId: "cat", submittedAt: null },
];

describe("visibleReviews", () => {
  it("hides colleagues' submitted reviews from a reviewer who has not submitted", () => {
    const seen = visibleReviews(reviews, { id: "cat", canReview: true });
    expect(seen.own?.reviewerId).toBe("cat");
    expect(seen.others).toEqual([]);
    expect(seen.hiddenCount).toBe(1);
  });

  it("shows submitted reviews, never drafts, once the reviewer has submitted", () => {
    const seen = visibleReviews(reviews, { id: "ann", canReview: true });
    expect(seen.others).toEqual([]);
    expect(seen.hiddenCount).toBe(0);
    const afterBob = visibleReviews([...reviews.slice(0, 1), { reviewerId: "bob", submittedAt: "2026-01-02" }], { id: "ann", canReview: true });
    expect(afterBob.others.map((r) => r.reviewerId)).toEqual(["bob"]);
  });

  it("keeps a reviewer with no review at all blind", () => {
    expect(visibleReviews(reviews, { id: "dan", canReview: true })).toEqual({ own: null, others: [], hiddenCount: 1 });
  });

  it("shows submitted reviews to people who cannot review", () => {
    const seen = visibleReviews(reviews, { id: "rita", canReview: false });
    expect(seen.others.map((r) => r.reviewerId)).toEqual(["ann"]);
  });
});
