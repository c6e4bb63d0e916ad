import { describe, expect, it } from "vitest";
import { parseCompareIds } from "./compare";

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

describe("parseCompareIds", () => {
  it("accepts two to five ids, comma-separated or repeated, without duplicates", () => {
    const parsed = parseCompareIds(new URLSearchParams(`ids=${id(1)},${id(2)}&ids=${id(3)}&ids=${id(1)}`));
    expect(parsed.success && parsed.data).toEqual([id(1), id(2), id(3)]);
  });

  it("refuses fewer than two or more than five with a clear message", () => {
    expect(parseCompareIds(new URLSearchParams(`ids=${id(1)}`)).error!.issues[0].message).toBe("Choose at least 2 candidates to compare");
    const six = Array.from({ length: 6 }, (_, i) => id(i + 1)).join(",");
    expect(parseCompareIds(new URLSearchParams(`ids=${six}`)).error!.issues[0].message).toBe("Compare at most 5 candidates at a time");
    expect(parseCompareIds(new URLSearchParams(`ids=${id(1)},nope`)).error!.issues[0].message).toBe("Each candidate must be given by its invitation id");
  });
});
