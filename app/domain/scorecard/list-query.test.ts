import { describe, expect, it } from "vitest";
import { pageCount, parseSubmissionQuery, queryString } from "./list-query";

describe("parseSubmissionQuery", () => {
  it("fills defaults and ignores empty fields", () => {
    const parsed = parseSubmissionQuery(new URLSearchParams("jd=&status=&minScore="));
    expect(parsed.success && parsed.data).toEqual({ sort: "date", dir: "desc", page: 1, pageSize: 25 });
  });

  it("accepts every filter", () => {
    const jd = "0b9d7a4e-5f43-4c7e-9b1e-2f0c7d1f8a11";
    const parsed = parseSubmissionQuery(new URLSearchParams(`jd=${jd}&assessment=junior&status=GRADED&minScore=40&maxScore=90.5&sort=score&dir=asc&page=3&pageSize=10`));
    expect(parsed.success && parsed.data).toEqual({ jd, assessment: "junior", status: "GRADED", minScore: 40, maxScore: 90.5, sort: "score", dir: "asc", page: 3, pageSize: 10 });
  });

  it("names what is wrong", () => {
    const parsed = parseSubmissionQuery(new URLSearchParams("status=DONE&minScore=120&sort=age&pageSize=7&page=0"));
    expect(parsed.success).toBe(false);
    const messages = parsed.error!.issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining(["Choose a status from the list", "Minimum score must be between 0 and 100", "Sort by date, score or candidate", "Page size must be one of 10, 25, 50, 100", "Page starts at 1"]),
    );
    const inverted = parseSubmissionQuery(new URLSearchParams("minScore=80&maxScore=20"));
    expect(inverted.error!.issues[0]).toMatchObject({ path: ["maxScore"], message: "Minimum score must not exceed the maximum" });
  });
});

describe("queryString and pageCount", () => {
  it("round-trips and replaces fields", () => {
    const query = { status: "GRADED" as const, sort: "score" as const, dir: "desc" as const, page: 2, pageSize: 10 };
    const text = queryString(query, { page: 3 });
    expect(text).toBe("status=GRADED&sort=score&dir=desc&page=3&pageSize=10");
    const again = parseSubmissionQuery(new URLSearchParams(text));
    expect(again.success && again.data).toEqual({ ...query, page: 3 });
    expect(pageCount(0, 10)).toBe(1);
    expect(pageCount(21, 10)).toBe(3);
  });
});
