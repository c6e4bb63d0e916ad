import { describe, expect, it } from "vitest";
import { countedAttempt } from "./counted-attempt";

const a = (attempt: number, status: string) => ({ attempt, status });

describe("countedAttempt", () => {
  it("keeps an earlier grade when a later attempt errored, failed or is still queued", () => {
    expect(countedAttempt([a(1, "GRADED"), a(2, "ERROR")])).toEqual(a(1, "GRADED"));
    expect(countedAttempt([a(1, "GRADED"), a(2, "FAILED"), a(3, "QUEUED")])).toEqual(a(1, "GRADED"));
  });

  it("takes the latest graded attempt, whatever order the attempts come in", () => {
    expect(countedAttempt([a(3, "ERROR"), a(2, "GRADED"), a(1, "GRADED")])).toEqual(a(2, "GRADED"));
    expect(countedAttempt([a(1, "GRADED"), a(2, "GRADED")])).toEqual(a(2, "GRADED"));
  });

  it("falls back to the latest attempt when none is graded, and to nothing without attempts", () => {
    expect(countedAttempt([a(1, "FAILED"), a(2, "ERROR")])).toEqual(a(2, "ERROR"));
    expect(countedAttempt([])).toBeUndefined();
  });
});
