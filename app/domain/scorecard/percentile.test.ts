import { describe, expect, it } from "vitest";
import { binOf, histogram, ordinal, percentileOf } from "./percentile";

describe("percentileOf", () => {
  it("is hidden below the minimum cohort size", () => {
    expect(percentileOf(0.5, [0.1, 0.5, 0.9, 1])).toBeNull();
  });

  it("counts ties as half", () => {
    expect(percentileOf(0.5, [0.1, 0.2, 0.5, 0.5, 0.9])).toBe(60);
    expect(percentileOf(1, [0.1, 0.2, 0.3, 0.4, 1])).toBe(90);
    expect(percentileOf(0, [0, 0.2, 0.3, 0.4, 1])).toBe(10);
  });
});

describe("histogram", () => {
  it("puts a perfect score in the top band", () => {
    expect(histogram([0, 0.05, 0.55, 1, 0.999])).toEqual([2, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(binOf(1)).toBe(9);
  });
});

describe("ordinal", () => {
  it("names 1st, 2nd, 3rd, 11th, 22nd", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 22, 101].map(ordinal)).toEqual(["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "22nd", "101st"]);
  });
});
