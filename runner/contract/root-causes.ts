// Root causes: failed tests that stopped at the same exchange for the same reason (method + path
// template + the same violation) are one finding, not many. Pure: results in, groups out; it reads
// what is stored for every result (message and evidence), so stored results group the same way.
import { violationKind } from "./violations";

export interface RootCauseInput {
  id: string;
  title: string;
  competency: string;
  points: number;
  earned: number;
  outcome: "passed" | "failed" | "error";
  visibility: "public" | "hidden";
  message?: string | null;
  /** The stored exchanges (TestResult.evidence); unknown shapes are ignored. */
  evidence?: unknown;
}

export interface RootCauseTest {
  id: string;
  title: string;
  competency: string;
  visibility: "public" | "hidden";
  pointsLost: number;
}

export interface RootCause {
  /** "POST /auth/login" */
  operation: string;
  status: number | null;
  /** The violation or error, without run-specific values. */
  reason: string;
  /** "content-type mistake", "time-out", … for competency notes. */
  mistake: string;
  /** "41 tests could not run past POST /auth/login: its 200 response does not match the contract: /tokenType must be "Bearer"" */
  headline: string;
  tests: RootCauseTest[];
  pointsLost: number;
}

export interface CompetencyCauseNote {
  competency: string;
  /** "5 of 6 tests failed on one content-type mistake" */
  note: string;
  cause: RootCause;
}

interface Exchange {
  operation?: string;
  request?: { method?: string; url?: string };
  response?: { status?: number };
}

const MISTAKES: Record<string, string> = {
  status: "status-code mistake",
  "content-type": "content-type mistake",
  body: "response-body mistake",
  "empty-body": "response-body mistake",
  header: "response-header mistake",
  method: "method-handling mistake",
  path: "routing mistake",
};

function exchanges(evidence: unknown): Exchange[] {
  return Array.isArray(evidence) ? (evidence.filter((e) => e && typeof e === "object") as Exchange[]) : [];
}

function operationOf(exchange: Exchange | undefined): string {
  if (!exchange) return "";
  if (typeof exchange.operation === "string") return exchange.operation;
  const method = exchange.request?.method ?? "";
  const url = (exchange.request?.url ?? "").split("?")[0];
  return `${method} ${url}`.trim();
}

/** Leaves out what differs from test to test (response bodies, long quoted values). */
function general(text: string): string {
  return text
    .replace(/; body: .*$/s, "")
    .replace(/"[^"]{41,}"/g, '"…"')
    .trim();
}

interface Stop {
  operation: string;
  status: number | null;
  reason: string;
  mistake: string;
  /** The request never got past this exchange (contract violation or no answer). */
  blocked: boolean;
}

/** Where a failed test stopped and why, from its message and its last exchange. */
export function stopOf(result: Pick<RootCauseInput, "message" | "evidence">): Stop | null {
  const message = result.message ?? "";
  if (!message) return null;
  const last = exchanges(result.evidence).at(-1);
  const status = typeof last?.response?.status === "number" ? last.response.status : null;
  if (message.startsWith("contract: ")) {
    const reason = general(message.slice("contract: ".length).split("; ")[0]);
    const named = /\b(?:to|of|for) ([A-Z]+ \/[^\s;,()]*)/.exec(reason)?.[1];
    return { operation: named ?? operationOf(last), status, reason, mistake: MISTAKES[violationKind(reason)] ?? "contract mistake", blocked: true };
  }
  const request = /^([A-Z]+) (\/\S*): (.*)$/s.exec(message);
  if (request && !last?.response) {
    const reason = general(request[3]);
    const mistake = /within/.test(reason) ? "time-out" : "connection problem";
    return { operation: operationOf(last) || `${request[1]} ${request[2]}`, status, reason, mistake, blocked: true };
  }
  if (!last) return { operation: "", status: null, reason: general(message), mistake: "mistake", blocked: false };
  const reason = general(message);
  return { operation: operationOf(last), status, reason, mistake: /^setup failed/.test(reason) ? "setup failure" : "mistake", blocked: false };
}

function headline(count: number, stop: Stop): string {
  const tests = `${count} test${count === 1 ? "" : "s"}`;
  if (stop.blocked && stop.status !== null) {
    const about = stop.reason.replace(new RegExp(`^(body|response) (of )?${stop.status} to ${escape(stop.operation)} `), "");
    return `${tests} could not run past ${stop.operation}: its ${stop.status} response ${about.startsWith("does") || about.startsWith("must") || about.startsWith("lacks") ? about : `breaks the contract: ${about}`}`;
  }
  if (stop.blocked) return `${tests} could not run past ${stop.operation}: ${stop.reason}`;
  return `${tests} failed at ${stop.operation}${stop.status !== null ? ` (${stop.status})` : ""}: ${stop.reason}`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Groups failed tests by the exchange they stopped at and the reason; groups of at least
 * `minTests` tests, the most points lost first.
 */
export function rootCauses(results: readonly RootCauseInput[], minTests = 2): RootCause[] {
  const groups = new Map<string, { stop: Stop; tests: RootCauseTest[] }>();
  for (const result of results) {
    if (result.outcome === "passed" || result.earned >= result.points) continue;
    const stop = stopOf(result);
    if (!stop || !stop.operation) continue;
    const key = `${stop.operation}\0${stop.status ?? ""}\0${stop.reason}`;
    const group = groups.get(key) ?? { stop, tests: [] };
    group.tests.push({
      id: result.id,
      title: result.title,
      competency: result.competency,
      visibility: result.visibility,
      pointsLost: result.points - result.earned,
    });
    groups.set(key, group);
  }
  return [...groups.values()]
    .filter((group) => group.tests.length >= minTests)
    .map(({ stop, tests }) => ({
      operation: stop.operation,
      status: stop.status,
      reason: stop.reason,
      mistake: stop.mistake,
      headline: headline(tests.length, stop),
      tests,
      pointsLost: Math.round(tests.reduce((sum, t) => sum + t.pointsLost, 0) * 1000) / 1000,
    }))
    .sort((a, b) => b.pointsLost - a.pointsLost || b.tests.length - a.tests.length || a.operation.localeCompare(b.operation));
}

/**
 * For each competency whose lost points rest mostly (at least half) on one root cause, a note
 * such as "5 of 6 tests failed on one content-type mistake".
 */
export function competencyCauseNotes(results: readonly RootCauseInput[], causes: readonly RootCause[]): CompetencyCauseNote[] {
  const notes: CompetencyCauseNote[] = [];
  for (const competency of [...new Set(results.map((r) => r.competency))].sort()) {
    const mine = results.filter((r) => r.competency === competency);
    const lost = mine.reduce((sum, r) => sum + (r.points - r.earned), 0);
    if (lost <= 0) continue;
    let best: { cause: RootCause; tests: number; points: number } | undefined;
    for (const cause of causes) {
      const inCompetency = cause.tests.filter((t) => t.competency === competency);
      const points = inCompetency.reduce((sum, t) => sum + t.pointsLost, 0);
      if (inCompetency.length >= 2 && (!best || points > best.points)) best = { cause, tests: inCompetency.length, points };
    }
    if (best && best.points >= lost / 2) {
      notes.push({ competency, cause: best.cause, note: `${best.tests} of ${mine.length} tests failed on one ${best.cause.mistake}` });
    }
  }
  return notes;
}
