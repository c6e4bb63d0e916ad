// The shape every assessment's contract tests are written against. The prober (runner/prober)
// implements TestContext; assessments/<slug>/tests/index.ts exports `tests: ContractTest[]`.
// Plain TypeScript with no Node-only imports beyond fetch, so the same code runs in the
// prober container and in the starter's check.mjs.

export type Visibility = "public" | "hidden";

export interface ContractResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  text: string;
  /** Parsed JSON body; throws a readable assertion error when the body is not JSON. */
  json<T = unknown>(): T;
  durationMs: number;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  /** Serialised as JSON with content-type application/json unless a content-type header is set. */
  json?: unknown;
  /** Raw body, sent as-is. */
  body?: string | Uint8Array;
  /** Skip OpenAPI response validation for this request (only for deliberately off-contract probes). */
  skipContractCheck?: boolean;
  /**
   * This exchange prepares the test (creating the data a listing test needs, logging in): a
   * contract violation on it is reported as a finding and charged once per operation and kind,
   * but does not fail this test when the test's own assertions hold.
   */
  setup?: boolean;
  timeoutMs?: number;
}

export interface ContractClient {
  request(method: string, path: string, options?: RequestOptions): Promise<ContractResponse>;
  get(path: string, options?: RequestOptions): Promise<ContractResponse>;
  post(path: string, json?: unknown, options?: RequestOptions): Promise<ContractResponse>;
  put(path: string, json?: unknown, options?: RequestOptions): Promise<ContractResponse>;
  patch(path: string, json?: unknown, options?: RequestOptions): Promise<ContractResponse>;
  delete(path: string, options?: RequestOptions): Promise<ContractResponse>;
}

export interface Assertions {
  equal<T>(actual: T, expected: T, message?: string): void;
  ok(value: unknown, message?: string): asserts value;
  status(response: ContractResponse, expected: number | number[]): void;
  header(response: ContractResponse, name: string, pattern?: RegExp | string): string;
  fail(message: string): never;
}

export interface TestContext {
  http: ContractClient;
  assert: Assertions;
  /** Deterministic per (submission seed, test id): the same seed gives the same requests. */
  random(): number;
  /** A unique, seed-derived string with the given prefix, for names and emails. */
  unique(prefix: string): string;
  /** Base URL of the candidate's service, e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  /**
   * Shared by the tests of one sequence (e.g. the id created by its first step); a fresh object
   * for a standalone test.
   */
  state: Record<string, unknown>;
}

/**
 * A measured test maps its figure to a fraction of its points by stated thresholds,
 * so a slow machine loses a little credit instead of flipping a pass/fail.
 */
export interface MeasuredOutcome {
  fraction: number;
  detail: string;
}

export interface ContractTest {
  id: string;
  title: string;
  /** A competency id from the catalog, e.g. "api-design". */
  competency: string;
  points: number;
  visibility: Visibility;
  /** Tests sharing a sequence run in declaration order; all others are order-independent. */
  sequence?: string;
  timeoutMs?: number;
  /**
   * The operations this test is about, e.g. ["POST /items"] (method + path template). When set, it
   * decides alone: exchanges on these operations are the subject (even from a helper that flags
   * its requests as setup) and exchanges on any other operation are setup.
   */
  subject?: string[];
  run(ctx: TestContext): Promise<void | MeasuredOutcome>;
}

export type TestOutcome = "passed" | "failed" | "error";

export interface Evidence {
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  /** What arrived; `body` is what arrived of the body when `note` says it did not finish. */
  response?: { status: number; headers: Record<string, string>; body: string };
  /** "POST /items": the contract operation the request hit (absent off-contract). */
  operation?: string;
  /** "setup" when the exchange only prepared the test. */
  role?: "setup";
  /** The contract violation found on this response (a setup exchange carries on despite it). */
  violation?: string;
  /** What happened when no complete response arrived: never sent, refused, timed out after the headers… */
  note?: string;
}

/** Ways a response can break the contract; one finding per operation and kind. */
export type ViolationKind = "status" | "content-type" | "body" | "header" | "empty-body" | "method" | "path";

export interface ContractFinding {
  /** "POST /items" */
  operation: string;
  kind: ViolationKind;
  message: string;
  /**
   * True when it failed this test (a subject exchange); false when the test carried on: a setup
   * exchange, or a header or JSON media-type slip on a subject exchange, which the test's own
   * assertions judge and the operation's conformance item charges once.
   */
  failedTest: boolean;
}

/** Where a failed test stopped: the exchange its failure is about (root-cause grouping). */
export interface StopPoint {
  /** "POST /auth/login", or the raw "METHOD /path" off-contract. */
  operation: string;
  status?: number;
  /** The contract violation, or the request error, with run-specific values left out. */
  reason: string;
  kind: "contract" | "assertion" | "request" | "timeout";
}

export interface TestResult {
  id: string;
  title: string;
  competency: string;
  points: number;
  /** Points earned: all or nothing for plain tests, a fraction for measured ones. */
  earned: number;
  visibility: Visibility;
  outcome: TestOutcome;
  message?: string;
  durationMs: number;
  evidence: Evidence[];
  /** Contract violations this test saw (each once per operation and kind). */
  findings?: ContractFinding[];
  /** For a failed test: the exchange it stopped at and why. */
  stoppedAt?: StopPoint;
}

export function defineTests(tests: ContractTest[]): ContractTest[] {
  const seen = new Set<string>();
  for (const test of tests) {
    if (seen.has(test.id)) throw new Error(`duplicate contract test id ${test.id}`);
    seen.add(test.id);
  }
  return tests;
}
