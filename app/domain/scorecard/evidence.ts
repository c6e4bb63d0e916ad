import { evidenceSchema } from "../../../runner/contract/evidence";

// Request/response evidence recorded by the prober (its schema: runner/contract/evidence.ts),
// cut to a size a page and a PDF can carry.

export const EVIDENCE_BODY_CAP = 2000;
export const EVIDENCE_EXCHANGES_CAP = 10;

export interface CappedText {
  text: string;
  omitted: number;
}

export interface EvidenceExchange {
  request: { method: string; url: string; headers: [string, string][]; body: CappedText | null };
  response: { status: number; headers: [string, string][]; body: CappedText } | null;
  /** What happened when no complete response arrived (never delivered, timed out, test stopped). */
  note: string | null;
  /** A contract violation on this response; on a setup exchange the test carried on. */
  violation: string | null;
  setup: boolean;
}

export interface EvidenceView {
  exchanges: EvidenceExchange[];
  /** Exchanges left out beyond the cap. */
  omitted: number;
  /** True when the stored value was not recognisable evidence. */
  unreadable: boolean;
}

export function capText(text: string, cap = EVIDENCE_BODY_CAP): CappedText {
  return text.length <= cap ? { text, omitted: 0 } : { text: text.slice(0, cap), omitted: text.length - cap };
}

export function evidenceView(raw: unknown): EvidenceView {
  if (raw === null || raw === undefined) return { exchanges: [], omitted: 0, unreadable: false };
  const parsed = evidenceSchema.safeParse(raw);
  if (!parsed.success) return { exchanges: [], omitted: 0, unreadable: true };
  const exchanges = parsed.data.slice(0, EVIDENCE_EXCHANGES_CAP).map((exchange) => ({
    request: {
      method: exchange.request.method,
      url: exchange.request.url,
      headers: Object.entries(exchange.request.headers),
      body: exchange.request.body ? capText(exchange.request.body) : null,
    },
    response: exchange.response
      ? { status: exchange.response.status, headers: Object.entries(exchange.response.headers), body: capText(exchange.response.body) }
      : null,
    note: typeof exchange.note === "string" ? exchange.note : null,
    violation: typeof exchange.violation === "string" ? exchange.violation : null,
    setup: exchange.role === "setup",
  }));
  return { exchanges, omitted: Math.max(0, parsed.data.length - EVIDENCE_EXCHANGES_CAP), unreadable: false };
}
