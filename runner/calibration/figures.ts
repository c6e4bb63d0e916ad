// What a reference solution's grading says about a host, and how far latency thresholds must
// stretch on it. Pure: a graded result in, figures and a scale out.
import type { TestResult } from "../prober/contract";

export interface MeasuredFigure {
  testId: string;
  p95Ms: number;
  /** The threshold for full points the test states (its "full points ≤ N ms"). */
  fullMs: number;
}

export interface CalibrationFigures {
  testPhaseMs: number;
  overall: number | null;
  /** Milliseconds each test took against the reference. */
  tests: Record<string, number>;
  measured: MeasuredFigure[];
}

/** Latency tests state their figure and thresholds in their message: "p95 840 ms, … (full points ≤ 2000 ms, …)". */
const MEASURED = /\bp95 (\d+(?:\.\d+)?) ms\b.*full points ≤ (\d+(?:\.\d+)?) ms/s;

export function calibrationFigures(input: { testPhaseMs: number; overall: number | null; results: TestResult[] }): CalibrationFigures {
  const measured: MeasuredFigure[] = [];
  for (const result of input.results) {
    const match = MEASURED.exec(result.message ?? "");
    if (match) measured.push({ testId: result.id, p95Ms: Number(match[1]), fullMs: Number(match[2]) });
  }
  return {
    testPhaseMs: Math.round(input.testPhaseMs),
    overall: input.overall,
    tests: Object.fromEntries(input.results.map((result) => [result.id, Math.round(result.durationMs)])),
    measured,
  };
}

/**
 * The reference must reach full points with this much room: its p95 times HEADROOM at most the
 * full-points threshold. A host where it does not (slower cores, a slower disk) gets thresholds
 * stretched by the shortfall, so a candidate as fast as the reference loses nothing there.
 */
export const LATENCY_HEADROOM = 3;
/** Beyond this a host is too slow to grade latency fairly at all; the worker says so. */
export const MAX_LATENCY_SCALE = 5;

export function latencyScale(figures: CalibrationFigures): number {
  const needed = figures.measured.map((figure) => (figure.p95Ms * LATENCY_HEADROOM) / figure.fullMs);
  const scale = Math.max(1, ...needed);
  return Math.round(Math.min(scale, MAX_LATENCY_SCALE) * 100) / 100;
}
