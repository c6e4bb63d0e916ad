// Contract conformance items: one small item per operation of the contract, with points of its
// own. A violation seen only while other tests set up (creating the items a listing test needs),
// or a header / JSON media-type slip, does not fail those tests; it is charged here, once per
// operation, unless a test about that operation already failed for the same kind of violation. So a create answering 200 instead of
// 201 costs the create tests plus at most this item, not every test that creates data.
import type { ContractFinding, TestResult, Visibility } from "./contract";
import { HTTP_METHODS, type OpenApiDoc } from "./openapi";

export interface ConformanceConfig {
  enabled: boolean;
  pointsEach: number;
  competency: string;
  visibility: Visibility;
}

/** Every operation of the document as "METHOD /template", in document order. */
export function contractOperations(doc: OpenApiDoc): string[] {
  const operations: string[] = [];
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      if (item && typeof item === "object" && method in (item as Record<string, unknown>)) operations.push(`${method.toUpperCase()} ${template}`);
    }
  }
  return operations;
}

export function conformanceId(operation: string): string {
  return `contract:${operation.replace(" ", ":")}`;
}

function kindKey(finding: Pick<ContractFinding, "operation" | "kind">): string {
  return `${finding.operation}\0${finding.kind}`;
}

/**
 * The conformance items for one run (pure: results in, results out). `operations` fixes the set,
 * so every submission of an assessment is scored out of the same points; `onlyExercised` (the
 * candidate's check.mjs, which runs the public tests only) leaves out operations no test reached.
 */
export function conformanceResults(
  operations: readonly string[],
  results: readonly TestResult[],
  config: ConformanceConfig,
  onlyExercised = false,
): TestResult[] {
  if (!config.enabled) return [];
  const exercised = new Set<string>();
  for (const result of results) {
    for (const exchange of result.evidence) if (exchange.operation && exchange.response) exercised.add(exchange.operation);
    for (const finding of result.findings ?? []) exercised.add(finding.operation);
  }
  const charged = new Set<string>();
  for (const result of results) {
    if (result.outcome === "passed") continue;
    // A test that failed at the operation (on its own assertion about the slip, typically) paid for it.
    for (const finding of result.findings ?? []) {
      if (finding.failedTest || result.stoppedAt?.operation === finding.operation) charged.add(kindKey(finding));
    }
  }
  const uncharged = new Map<string, { finding: ContractFinding; tests: string[] }[]>();
  for (const result of results) {
    for (const finding of result.findings ?? []) {
      if (finding.failedTest || charged.has(kindKey(finding))) continue;
      const list = uncharged.get(finding.operation) ?? [];
      const same = list.find((entry) => entry.finding.kind === finding.kind);
      if (same) same.tests.push(result.id);
      else list.push({ finding, tests: [result.id] });
      uncharged.set(finding.operation, list);
    }
  }

  const items: TestResult[] = [];
  for (const operation of operations) {
    if (onlyExercised && !exercised.has(operation)) continue;
    const problems = uncharged.get(operation) ?? [];
    const reached = exercised.has(operation);
    const passed = reached && problems.length === 0;
    const message = !reached
      ? `no test reached ${operation} with an answer`
      : problems.length > 0
        ? problems
            .map(({ finding, tests }) => `contract: ${finding.message} (seen by ${tests.length} test${tests.length === 1 ? "" : "s"}: ${tests.slice(0, 3).join(", ")}${tests.length > 3 ? ", …" : ""})`)
            .join("; ")
        : undefined;
    items.push({
      id: conformanceId(operation),
      title: `${operation} answers as the contract says wherever it is used`,
      competency: config.competency,
      points: config.pointsEach,
      earned: passed ? config.pointsEach : 0,
      visibility: config.visibility,
      outcome: passed ? "passed" : "failed",
      ...(message ? { message } : {}),
      durationMs: 0,
      evidence: [],
      ...(problems.length > 0 ? { findings: problems.map(({ finding }) => ({ ...finding })) } : {}),
    });
  }
  return items;
}
