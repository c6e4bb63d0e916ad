// Runs contract tests against a live service: sequences in declaration order, everything else
// concurrently under a small cap, each test with its own timeout, seeded randomness and evidence.
import { AssertionFailure, createAssertions } from "./assert";
import { ContractViolation, createContractClient, formatDuration, RequestError } from "./client";
import type { ContractFinding, ContractTest, Evidence, MeasuredOutcome, StopPoint, TestContext, TestOutcome, TestResult } from "./contract";
import { conformanceResults, type ConformanceConfig } from "./conformance";
import type { OpenApiIndex } from "./openapi";
import { createRandom, createUnique } from "./random";

export const DEFAULT_TEST_TIMEOUT_MS = 15_000;
export const DEFAULT_CONCURRENCY = 4;

export interface RunOptions {
  baseUrl: string;
  index: OpenApiIndex;
  seed: number;
  concurrency?: number;
  /** The assessment's per-request time-out (assessment.json limits.requestTimeoutMs). */
  requestTimeoutMs?: number;
  /** Per-operation conformance items, appended after the tests (conformance.ts). */
  conformance?: { operations: readonly string[]; config: ConformanceConfig; onlyExercised?: boolean };
  /** Called as each test finishes, in completion order. */
  onResult?: (result: TestResult) => void;
}

class TestTimeout extends Error {
  constructor(readonly ms: number) {
    super(`test did not finish within ${formatDuration(ms)}`);
  }
}

/** Tests grouped into units: one per sequence (in declaration order), one per standalone test. */
export function planUnits(tests: readonly ContractTest[]): ContractTest[][] {
  const units: ContractTest[][] = [];
  const bySequence = new Map<string, ContractTest[]>();
  for (const test of tests) {
    if (!test.sequence) {
      units.push([test]);
      continue;
    }
    let unit = bySequence.get(test.sequence);
    if (!unit) {
      unit = [];
      bySequence.set(test.sequence, unit);
      units.push(unit);
    }
    unit.push(test);
  }
  return units;
}

function isMeasured(value: unknown): value is MeasuredOutcome {
  return typeof value === "object" && value !== null && typeof (value as MeasuredOutcome).fraction === "number";
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TestTimeout(ms)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Drops what differs from test to test (bodies with unique names) so one slip reads as one reason. */
function generalReason(message: string): string {
  return message.replace(/; body: .*$/s, "").replace(/"[^"]*"/g, (quoted) => (quoted.length > 40 ? '"…"' : quoted));
}

function stopPoint(error: unknown, message: string, last: { operation: string; status?: number } | undefined): StopPoint | undefined {
  if (error instanceof ContractViolation) {
    return { operation: error.operation, status: error.status, reason: generalReason(error.violation), kind: "contract" };
  }
  if (error instanceof RequestError) return { operation: error.operation, reason: generalReason(error.reason), kind: "request" };
  if (error instanceof TestTimeout) return { operation: last?.operation ?? "", reason: message, kind: "timeout" };
  if (error instanceof AssertionFailure && last) {
    return { operation: last.operation, ...(last.status !== undefined ? { status: last.status } : {}), reason: generalReason(message), kind: "assertion" };
  }
  return undefined;
}

/** Exchanges still waiting when the test ended say so, instead of reading as "no response". */
function markUnfinished(evidence: Evidence[], message: string): void {
  for (const exchange of evidence) {
    if (!exchange.response && !exchange.note) exchange.note = `no response yet when the test stopped (${message})`;
  }
}

export async function runOneTest(
  test: ContractTest,
  options: Pick<RunOptions, "baseUrl" | "index" | "seed" | "requestTimeoutMs">,
  state: Record<string, unknown> = {},
): Promise<TestResult> {
  const evidence: Evidence[] = [];
  const findings: ContractFinding[] = [];
  let last: { operation: string; status?: number } | undefined;
  const ctx: TestContext = {
    http: createContractClient({
      baseUrl: options.baseUrl,
      index: options.index,
      evidence,
      findings,
      ...(test.subject ? { subject: test.subject } : {}),
      ...(options.requestTimeoutMs ? { defaultTimeoutMs: options.requestTimeoutMs } : {}),
      onExchange: (exchange) => (last = exchange),
    }),
    assert: createAssertions(),
    random: createRandom(options.seed, test.id),
    unique: createUnique(options.seed, test.id),
    baseUrl: options.baseUrl,
    state,
  };
  const started = performance.now();
  let outcome: TestOutcome = "passed";
  let earned = test.points;
  let message: string | undefined;
  let stoppedAt: StopPoint | undefined;
  try {
    const value = await withTimeout(Promise.resolve().then(() => test.run(ctx)), test.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS);
    if (isMeasured(value)) {
      const fraction = Math.min(1, Math.max(0, Number.isFinite(value.fraction) ? value.fraction : 0));
      earned = Math.round(test.points * fraction * 1000) / 1000;
      outcome = fraction > 0 ? "passed" : "failed";
      message = value.detail;
    }
  } catch (error) {
    earned = 0;
    outcome = error instanceof AssertionFailure ? "failed" : "error";
    message =
      error instanceof AssertionFailure || error instanceof RequestError || error instanceof TestTimeout
        ? error.message
        : `test raised ${(error as Error)?.name ?? "an error"}: ${(error as Error)?.message ?? String(error)}`;
    stoppedAt = stopPoint(error, message, last);
    markUnfinished(evidence, message);
  }
  return {
    id: test.id,
    title: test.title,
    competency: test.competency,
    points: test.points,
    earned,
    visibility: test.visibility,
    outcome,
    ...(message !== undefined ? { message } : {}),
    durationMs: Math.round(performance.now() - started),
    // A copy: a test abandoned by its time-out may still be adding exchanges.
    evidence: evidence.map((e) => ({ ...e })),
    ...(findings.length > 0 ? { findings: findings.map((f) => ({ ...f })) } : {}),
    ...(stoppedAt ? { stoppedAt } : {}),
  };
}

export async function runTests(tests: readonly ContractTest[], options: RunOptions): Promise<TestResult[]> {
  const units = planUnits(tests);
  const results: TestResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < units.length) {
      const unit = units[next++];
      const state: Record<string, unknown> = {};
      for (const test of unit) {
        const result = await runOneTest(test, options, state);
        results.push(result);
        options.onResult?.(result);
      }
    }
  };
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  await Promise.all(Array.from({ length: Math.min(concurrency, units.length) }, worker));
  const order = new Map(tests.map((t, i) => [t.id, i]));
  results.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  if (options.conformance) {
    const { operations, config, onlyExercised } = options.conformance;
    for (const item of conformanceResults(operations, results, config, onlyExercised)) {
      results.push(item);
      options.onResult?.(item);
    }
  }
  return results;
}
