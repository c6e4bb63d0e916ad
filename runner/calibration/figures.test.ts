import { describe, expect, it } from "vitest";
import type { TestResult } from "../prober/contract";
import { calibrationFigures, latencyScale, MAX_LATENCY_SCALE } from "./figures";

function result(id: string, durationMs: number, message?: string): TestResult {
  return { id, title: id, competency: "performance", points: 1, earned: 1, visibility: "public", outcome: "passed", durationMs, evidence: [], message };
}

const LOAD_MESSAGE = (p95: number) =>
  `p95 ${p95} ms, p50 40 ms, max 900 ms over 192 requests from 8 concurrent clients (full points ≤ 2000 ms, none ≥ 10000 ms)`;

describe("calibration figures", () => {
  it("keeps per-test durations and the latency tests' p95 against their full-points threshold", () => {
    const figures = calibrationFigures({
      testPhaseMs: 12_345.6,
      overall: 1,
      results: [result("create", 12.4), result("performance-p95-under-load", 3000, LOAD_MESSAGE(300))],
    });
    expect(figures).toEqual({
      testPhaseMs: 12_346,
      overall: 1,
      tests: { create: 12, "performance-p95-under-load": 3000 },
      measured: [{ testId: "performance-p95-under-load", p95Ms: 300, fullMs: 2000 }],
    });
  });

  it("leaves thresholds alone on a host where the reference has room to spare", () => {
    const figures = calibrationFigures({ testPhaseMs: 1, overall: 1, results: [result("load", 1, LOAD_MESSAGE(500))] });
    expect(latencyScale(figures)).toBe(1);
    expect(latencyScale(calibrationFigures({ testPhaseMs: 1, overall: 1, results: [result("plain", 1)] }))).toBe(1);
  });

  it("stretches them by the shortfall on a slow host, up to a cap", () => {
    expect(latencyScale(calibrationFigures({ testPhaseMs: 1, overall: 1, results: [result("load", 1, LOAD_MESSAGE(1000))] }))).toBe(1.5);
    expect(latencyScale(calibrationFigures({ testPhaseMs: 1, overall: 1, results: [result("load", 1, LOAD_MESSAGE(9000))] }))).toBe(
      MAX_LATENCY_SCALE,
    );
  });
});
