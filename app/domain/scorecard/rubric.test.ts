import { describe, expect, it } from "vitest";
import { rubricFor } from "./rubric";

const ladder = { junior: "J", intermediate: "I", senior: "S" };

describe("rubricFor", () => {
  it("anchors yes on the JD's own level and strong yes one level up", () => {
    expect(rubricFor("JUNIOR", ladder).YES.anchor).toBe("J");
    expect(rubricFor("JUNIOR", ladder).STRONG_YES.anchor).toBe("I");
    expect(rubricFor("INTERMEDIATE", ladder).YES.anchor).toBe("I");
    expect(rubricFor("INTERMEDIATE", ladder).NO.anchor).toBe("J");
    expect(rubricFor("SENIOR", ladder).YES.anchor).toBe("S");
    expect(rubricFor("SENIOR", ladder).NO.anchor).toBe("I");
  });

  it("says what every rating means at every level", () => {
    for (const level of ["JUNIOR", "INTERMEDIATE", "SENIOR"] as const) {
      const rubric = rubricFor(level, ladder);
      expect(Object.keys(rubric)).toEqual(["STRONG_NO", "NO", "YES", "STRONG_YES"]);
      expect(new Set(Object.values(rubric).map((step) => step.meaning)).size).toBe(4);
    }
  });
});
