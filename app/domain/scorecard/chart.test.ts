import { describe, expect, it } from "vitest";
import { chartLayout } from "./chart";

describe("chartLayout", () => {
  it("puts each label above its bar and scales bars to the full width", () => {
    const layout = chartLayout(
      [
        { label: "API design", value: 0.5, requirement: "required" },
        { label: "Caching", value: null, requirement: "nice-to-have" },
        { label: "Security", value: 1.4, requirement: "not-in-jd" },
      ],
      { width: 400, rowHeight: 40 },
    );
    expect(layout.plotWidth).toBe(400);
    expect(layout.bars.map((b) => b.barWidth)).toEqual([200, 0, 400]);
    expect(layout.bars.map((b) => b.valueText)).toEqual(["50 %", "not tested", "100 %"]);
    expect(layout.bars.map((b) => b.y)).toEqual([20, 60, 100]);
    for (const bar of layout.bars) expect(bar.labelY).toBeLessThan(bar.y);
    expect(layout.height).toBe(4 + 120 + 20);
    expect(layout.ticks.map((t) => t.x)).toEqual([0, 100, 200, 300, 400]);
  });
});
