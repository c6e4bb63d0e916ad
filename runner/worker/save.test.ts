import { describe, expect, it } from "vitest";
import { withoutNul } from "./save";

describe("withoutNul", () => {
  it("replaces NUL in strings, nested arrays, objects and keys", () => {
    expect(withoutNul({ "a\u0000": ["x\u0000y", { z: "\u0000" }], n: 1, b: null })).toEqual({
      "a\uFFFD": ["x\uFFFDy", { z: "\uFFFD" }],
      n: 1,
      b: null,
    });
  });
});
