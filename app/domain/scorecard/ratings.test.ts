import { describe, expect, it } from "vitest";
import { describeTally, formatPercent, tallyRecommendations } from "./ratings";

describe("recommendation tally", () => {
  it("counts and describes, strongest yes first", () => {
    const tally = tallyRecommendations(["YES", "STRONG_NO", null, "YES"]);
    expect(tally.total).toBe(3);
    expect(describeTally(tally)).toBe("2 × Yes, 1 × Strong no");
    expect(describeTally(tallyRecommendations([]))).toBe("No recommendations yet");
    expect(formatPercent(0.876)).toBe("88 %");
    expect(formatPercent(null)).toBe("—");
  });
});
