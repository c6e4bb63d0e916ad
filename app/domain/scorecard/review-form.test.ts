import { describe, expect, it } from "vitest";
import { NOT_ASSESSED, parseReviewForm, submitProblems } from "./review-form";

const ids = ["api-design", "security"];

describe("parseReviewForm", () => {
  it("reads ratings and notes per competency", () => {
    const parsed = parseReviewForm({ intent: "save", "rating.api-design": "YES", "note.api-design": " solid ", recommendation: "", notes: "ok" }, ids);
    expect(parsed.success && parsed.data).toEqual({
      intent: "save",
      recommendation: null,
      notes: "ok",
      ratings: [
        { competencyId: "api-design", rating: "YES", note: "solid" },
        { competencyId: "security", rating: null, note: "" },
      ],
    });
  });

  it("refuses unknown ratings and intents", () => {
    const parsed = parseReviewForm({ intent: "publish", "rating.security": "MAYBE" }, ids);
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["intent", "rating.security"]));
  });
});

describe("submitProblems", () => {
  it("asks for a rating of every tested competency and a recommendation", () => {
    const parsed = parseReviewForm({ intent: "submit", "rating.api-design": "NO" }, ids);
    expect(submitProblems(parsed.data!, new Set(ids), (id) => id.toUpperCase())).toEqual({
      "rating.security": "Rate SECURITY before submitting: the assessment tests it",
      recommendation: "Give an overall recommendation before submitting",
    });
  });

  it("lets competencies nothing tested stay not assessed", () => {
    const parsed = parseReviewForm({ intent: "submit", "rating.api-design": "YES", "rating.security": NOT_ASSESSED, recommendation: "YES" }, ids);
    expect(parsed.data!.ratings[1]).toEqual({ competencyId: "security", rating: null, note: "" });
    expect(submitProblems(parsed.data!, new Set(["api-design"]), (id) => id)).toEqual({});
    expect(submitProblems(parsed.data!, new Set(ids), (id) => id)).toHaveProperty(["rating.security"]);
  });
});
