import { describe, expect, it } from "vitest";
import { chartLayout } from "./chart";

describe("chartLayout", () => {
  it("scales bars to the plot width and stacks rows", () => {
    const layout = chartLayout(
      [
        { label: "API design", value: 0.5, requirement: "required" },
        { label: "Caching", value: null, requirement: "nice-to-have" },
        { label: "Security", value: 1.4, requirement: "not-in-jd" },
      ],
      { width: 500, labelWidth: 100, rowHeight: 30 },
    );
    expect(layout.plotWidth).toBe(320);
    expect(layout.bars.map((b) => b.barWidth)).toEqual([160, 0, 320]);
    expect(layout.bars.map((b) => b.valueText)).toEqual(["50 %", "not tested", "100 %"]);
    expect(layout.bars.map((b) => b.y)).toEqual([8, 38, 68]);
    expect(layout.height).toBe(8 + 90 + 20);
    expect(layout.ticks.map((t) => t.x)).toEqual([100, 180, 260, 340, 420]);
  });
});
