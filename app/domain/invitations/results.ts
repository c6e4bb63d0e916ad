// Turns a submission's test results into what a candidate may see: public tests in full, hidden
// tests only as counts per competency. Used by the results page and the feedback report, so the
// rule "hidden tests are counted, never shown" lives in one place.
import { evidenceSchema, type EvidenceRequest } from "../../../runner/contract/evidence";

export interface ResultRow {
  testId: string;
  title: string;
  competencyId: string;
  points: number;
  visibility: "PUBLIC" | "HIDDEN";
  outcome: "PASSED" | "FAILED" | "ERROR";
  message: string | null;
  evidence: unknown;
}

export type { EvidenceRequest };

export interface PublicTestView {
  testId: string;
  title: string;
  passed: boolean;
  message: string | null;
  /** One curl command per request the test made, in order; empty for passed tests. */
  curl: string[];
}

export interface CompetencyFeedback {
  competencyId: string;
  publicTests: PublicTestView[];
  hidden: { total: number; passed: number };
}

export function evidenceRequests(evidence: unknown): EvidenceRequest[] {
  const parsed = evidenceSchema.safeParse(evidence);
  return parsed.success ? parsed.data.map((entry) => entry.request) : [];
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

// Set by curl itself or meaningless when replayed against the candidate's own machine.
const DROPPED_HEADERS = new Set(["host", "content-length", "connection", "accept-encoding", "user-agent", "transfer-encoding"]);

/** The request replayed against the candidate's service on their own machine. */
export function curlCommand(request: EvidenceRequest, port: number): string {
  let target: string;
  try {
    const url = new URL(request.url);
    target = `http://localhost:${port}${url.pathname}${url.search}`;
  } catch {
    target = `http://localhost:${port}${request.url.startsWith("/") ? request.url : `/${request.url}`}`;
  }
  const parts = ["curl", "-i", "-X", request.method.toUpperCase(), shellQuote(target)];
  for (const [name, value] of Object.entries(request.headers)) {
    if (DROPPED_HEADERS.has(name.toLowerCase())) continue;
    parts.push("-H", shellQuote(`${name}: ${value}`));
  }
  if (request.body !== undefined && request.body !== "") parts.push("--data-raw", shellQuote(request.body));
  return parts.join(" ");
}

export function feedbackByCompetency(rows: ResultRow[], port: number): CompetencyFeedback[] {
  const groups = new Map<string, CompetencyFeedback>();
  for (const row of rows) {
    let group = groups.get(row.competencyId);
    if (!group) {
      group = { competencyId: row.competencyId, publicTests: [], hidden: { total: 0, passed: 0 } };
      groups.set(row.competencyId, group);
    }
    const passed = row.outcome === "PASSED";
    if (row.visibility === "HIDDEN") {
      group.hidden.total++;
      if (passed) group.hidden.passed++;
      continue;
    }
    group.publicTests.push({
      testId: row.testId,
      title: row.title,
      passed,
      message: passed ? null : row.message,
      curl: passed ? [] : evidenceRequests(row.evidence).map((request) => curlCommand(request, port)),
    });
  }
  return [...groups.values()].sort((a, b) => a.competencyId.localeCompare(b.competencyId));
}

export function summarize(groups: CompetencyFeedback[]): { publicPassed: number; publicTotal: number; hiddenPassed: number; hiddenTotal: number } {
  let publicPassed = 0;
  let publicTotal = 0;
  let hiddenPassed = 0;
  let hiddenTotal = 0;
  for (const group of groups) {
    publicTotal += group.publicTests.length;
    publicPassed += group.publicTests.filter((t) => t.passed).length;
    hiddenTotal += group.hidden.total;
    hiddenPassed += group.hidden.passed;
  }
  return { publicPassed, publicTotal, hiddenPassed, hiddenTotal };
}
