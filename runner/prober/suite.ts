// What a prober bundle carries: the assessment's tests plus the facts main.ts needs, inlined at
// bundle time so the bundle runs with plain node and no files beside it.
import { isCompetencyId } from "../../app/domain/catalog/competency-ids";
import type { ConformanceConfig } from "./conformance";
import type { ContractTest, Visibility } from "./contract";
import type { CredentialProvider } from "./negative";
import type { OpenApiDoc } from "./openapi";

export interface SuiteNegativeChecks {
  enabled: boolean;
  count: number;
  pointsEach: number;
  competency: string;
  visibility: Visibility;
}

export interface SuiteMeta {
  assessmentId: string;
  title: string;
  version: string;
  port: number;
  readinessPath: string;
  openapi: OpenApiDoc;
  negativeChecks: SuiteNegativeChecks;
  /** Per-operation conformance items (assessment.json contractConformance). */
  contractConformance: ConformanceConfig;
  /** How long each request may take (assessment.json limits.requestTimeoutMs). */
  requestTimeoutMs: number;
  /** True for the candidate's check.mjs: hidden tests were left out of the bundle. */
  publicOnly: boolean;
  /** Counts of the tests left out, so check.mjs can say what else will be graded. */
  hidden: { count: number; points: number };
}

export interface ProberSuite extends SuiteMeta {
  tests: ContractTest[];
  /** Valid credentials for the derived negative checks of secured operations (tests/index.ts `negativeCheckCredentials`). */
  credentials?: CredentialProvider;
}

/** Refuses a test list a grader could not score fairly; messages name the test. */
export function validateTests(tests: unknown): ContractTest[] {
  if (!Array.isArray(tests)) throw new Error("the tests module must export `tests`, an array of contract tests");
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const [i, test] of (tests as ContractTest[]).entries()) {
    const label = `test #${i + 1}${test && typeof test.id === "string" ? ` (${test.id})` : ""}`;
    if (!test || typeof test !== "object") {
      problems.push(`${label} is not an object`);
      continue;
    }
    if (typeof test.id !== "string" || !/^[a-z0-9][a-z0-9._:/-]*$/i.test(test.id)) problems.push(`${label}: id must be a non-empty slug`);
    else if (seen.has(test.id)) problems.push(`${label}: duplicate id`);
    seen.add(test.id);
    if (typeof test.title !== "string" || test.title.trim() === "") problems.push(`${label}: title is missing`);
    if (typeof test.competency !== "string" || !isCompetencyId(test.competency)) {
      problems.push(`${label}: competency "${String(test.competency)}" is not a catalog competency id`);
    }
    if (typeof test.points !== "number" || !(test.points > 0)) problems.push(`${label}: points must be a number > 0`);
    if (test.visibility !== "public" && test.visibility !== "hidden") problems.push(`${label}: visibility must be public or hidden`);
    if (typeof test.run !== "function") problems.push(`${label}: run must be a function`);
    if (test.subject !== undefined && !(Array.isArray(test.subject) && test.subject.every((op) => typeof op === "string" && /^[A-Z]+ \/\S*$/.test(op)))) {
      problems.push(`${label}: subject must list operations like "POST /items"`);
    }
    if (test.timeoutMs !== undefined && !(typeof test.timeoutMs === "number" && test.timeoutMs > 0 && test.timeoutMs <= 120_000)) {
      problems.push(`${label}: timeoutMs must be between 1 and 120000`);
    }
  }
  if (problems.length > 0) throw new Error(`invalid contract tests: ${problems.join("; ")}`);
  return tests as ContractTest[];
}
