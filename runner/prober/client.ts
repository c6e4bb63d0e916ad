// The HTTP client tests use. Every response is checked against the OpenAPI operation it hit, and
// every exchange is kept as evidence for the scorecard (sizes capped). A violation on a setup
// exchange (see RequestOptions.setup, ContractTest.subject) is recorded as a finding instead of
// failing the test, so one contract slip is charged once rather than by every test that needed data.
import { request as httpRequest } from "node:http";
import { AssertionFailure, show } from "./assert";
import type { ContractClient, ContractFinding, ContractResponse, Evidence, RequestOptions } from "./contract";
import { isJsonMediaType, mediaTypeOf, type MatchedOperation, type OpenApiIndex } from "./openapi";
import { formatDuration, violationKind } from "../contract/violations";

export { formatDuration, violationKind };

export const EVIDENCE_LIMITS = { exchanges: 20, requestBodyBytes: 4096, responseBodyBytes: 8192, headerValueChars: 512 };

/**
 * A long test keeps its first exchanges (how it began) and its latest ones: the exchange where it
 * stopped (a 429 after twenty 200s) is the one a reviewer and the root cause need.
 */
function keepEvidence<T>(evidence: T[], record: T): void {
  const head = Math.floor(EVIDENCE_LIMITS.exchanges / 2);
  if (evidence.length >= EVIDENCE_LIMITS.exchanges) evidence.splice(head, 1);
  evidence.push(record);
}
export const MAX_RESPONSE_BYTES = 1024 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = 5000;

/** Bodies at least this large are sent with node:http, which reads a response the service sends before the body is through. */
export const LARGE_BODY_BYTES = 64 * 1024;

/** The response broke the OpenAPI contract (outcome "failed"). */
export class ContractViolation extends AssertionFailure {
  constructor(
    message: string,
    readonly status: number,
    readonly operation = "",
    readonly violation = message,
  ) {
    super(`contract: ${message}`);
    this.name = "ContractViolation";
  }
}

/** No usable response at all: refused, reset, timed out (outcome "error"). */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly operation = "",
    readonly reason = message,
  ) {
    super(message);
    this.name = "RequestError";
  }
}

export interface ClientOptions {
  baseUrl: string;
  index: OpenApiIndex;
  evidence: Evidence[];
  defaultTimeoutMs?: number;
  /** The test's subject operations ("POST /items"); other operations are setup. */
  subject?: readonly string[];
  /** Receives every contract violation (once per operation and kind). */
  findings?: ContractFinding[];
  /** Told about every exchange as it completes, so the runner knows where a test stopped. */
  onExchange?: (exchange: { operation: string; status?: number }) => void;
}

function cap(text: string, bytes: number): string {
  if (text.length <= bytes) return text;
  return `${text.slice(0, bytes)}… [${text.length - bytes} more characters]`;
}

function capHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, cap(v, EVIDENCE_LIMITS.headerValueChars)]));
}

/** Statuses the contract accepts for a method a path does not declare (x-unsupported-method-status). */
export function unsupportedMethodStatuses(doc: Record<string, unknown>): number[] {
  const declared = doc["x-unsupported-method-status"];
  if (typeof declared === "number") return [declared];
  if (Array.isArray(declared) && declared.every((n) => typeof n === "number")) return declared as number[];
  return [404, 405];
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw new AssertionFailure(`response body is larger than ${MAX_RESPONSE_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

type Phase = "sending" | "body";

/** Why no complete response is available, in the words the evidence shows. */
function describeFailure(error: unknown, phase: Phase, timedOut: boolean, timeoutMs: number, partial?: { status: number }): string {
  const within = formatDuration(timeoutMs);
  if (timedOut) {
    return partial
      ? `status ${partial.status} and headers arrived, the body did not finish within ${within}`
      : `no response at all within ${within}`;
  }
  const err = error as Error & { code?: string; cause?: { code?: string; message?: string } };
  const code = err.code ?? err.cause?.code;
  if (code === "ECONNREFUSED") return "the connection was refused: the request was never delivered";
  if (partial) return `status ${partial.status} and headers arrived, then the connection broke before the body finished (${code ?? err.message})`;
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET" || code === "EPIPE") {
    return `the connection closed before any response arrived (${code})`;
  }
  const cause = code ?? err.cause?.message;
  return cause ? `${err.message} (${cause})` : err.message;
}

function headerRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => (out[key] = value));
  return out;
}

class Failed extends Error {
  constructor(
    readonly description: string,
    readonly partial?: { status: number; headers: Record<string, string> },
  ) {
    super(description);
  }
}

async function sendWithFetch(url: URL, method: string, headers: Record<string, string>, body: string | Uint8Array | undefined, timeoutMs: number): Promise<RawResponse> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, Math.max(1, Math.round(timeoutMs)));
  let partial: { status: number; headers: Record<string, string> } | undefined;
  let phase: Phase = "sending";
  try {
    const payload = typeof body === "string" || body === undefined ? body : new Uint8Array(body);
    const raw = await fetch(url, { method, headers, body: payload, redirect: "manual", signal: controller.signal });
    partial = { status: raw.status, headers: headerRecord(raw.headers) };
    phase = "body";
    const text = await readCapped(raw);
    return { ...partial, text };
  } catch (error) {
    if (error instanceof AssertionFailure) throw error;
    throw new Failed(describeFailure(error, phase, timedOut, timeoutMs, partial), partial);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends a large body with node:http. A service may answer (413) and close the connection while
 * the body is still on its way; that is legitimate HTTP, so the response that arrived is the
 * answer and the write error that follows it (EPIPE, ECONNRESET) is not.
 */
function sendWithNodeHttp(url: URL, method: string, headers: Record<string, string>, body: string | Uint8Array, timeoutMs: number): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let partial: { status: number; headers: Record<string, string> } | undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: RawResponse | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const timer = setTimeout(() => finish(new Failed(describeFailure(null, partial ? "body" : "sending", true, timeoutMs, partial), partial)), Math.max(1, Math.round(timeoutMs)));
    const req = httpRequest(url, { method, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } }, (res) => {
      const responseHeaders: Record<string, string> = {};
      for (const [key, value] of Object.entries(res.headers)) {
        if (value !== undefined) responseHeaders[key] = Array.isArray(value) ? value.join(", ") : value;
      }
      partial = { status: res.statusCode ?? 0, headers: responseHeaders };
      res.on("data", (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > MAX_RESPONSE_BYTES) finish(new AssertionFailure(`response body is larger than ${MAX_RESPONSE_BYTES} bytes`));
        else chunks.push(chunk);
      });
      const done = () => finish({ ...partial!, text: Buffer.concat(chunks).toString("utf8") });
      res.on("end", done);
      // A service that closes right after its early answer ends the body by closing the socket.
      res.on("close", () => (res.complete ? done() : finish(new Failed(describeFailure(new Error("the connection closed"), "body", false, timeoutMs, partial), partial))));
    });
    req.on("error", (error) => {
      // The early response is being read; the failed write of the rest of the body is expected.
      if (partial) return;
      finish(new Failed(describeFailure(error, "sending", false, timeoutMs)));
    });
    req.end(body);
  });
}

export function createContractClient(options: ClientOptions): ContractClient {
  const { baseUrl, index, evidence } = options;
  const defaultTimeout = options.defaultTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const unsupportedStatuses = unsupportedMethodStatuses(index.doc);

  const subject = options.subject ? new Set(options.subject) : undefined;
  const seenFindings = new Set<string>();

  /**
   * A slip that does not make the behaviour wrong: a missing or malformed response header, a JSON
   * body under the wrong JSON media type (application/json for application/problem+json) that
   * matches the declared schema, or a success under another success status (200 for 201). Tests
   * assert such rules where they are the point; the operation's conformance item charges them once.
   */
  function isSlip(problem: string, match: MatchedOperation, response: ContractResponse): boolean {
    const kind = violationKind(problem);
    if (kind === "header") return true;
    if (kind === "status") {
      // A success answered with another success status (200 for 201) whose body is what the declared one promises.
      if (response.status < 200 || response.status > 299) return false;
      const success = index.declaredStatuses(match).find((code) => /^2\d\d$/.test(code));
      if (!success) return false;
      return index.checkResponse(match, { ...response, status: Number(success) }).every((p) => violationKind(p) === "header");
    }
    if (kind !== "content-type" || !isJsonMediaType(mediaTypeOf(response.headers["content-type"]))) return false;
    const declared = Object.keys((index.declaredResponse(match, response.status)?.value.content ?? {}) as Record<string, unknown>);
    const jsonType = declared.find((type) => isJsonMediaType(mediaTypeOf(type)));
    if (!jsonType) return false;
    const retyped = { ...response, headers: { ...response.headers, "content-type": jsonType } };
    return index.checkResponse(match, retyped).every((p) => violationKind(p) === "header");
  }

  function checkContract(method: string, pathname: string, response: ContractResponse): { operation: string; problems: string[]; slips: string[] } {
    const found = index.match(method, pathname);
    if (found.kind === "no-path") {
      return { operation: `${method} ${pathname}`, problems: [`${method} ${pathname} is not an operation of the contract`], slips: [] };
    }
    const operation = `${method} ${found.kind === "operation" ? found.match.template : found.template}`;
    if (found.kind === "method-not-declared") {
      if (!unsupportedStatuses.includes(response.status)) {
        return {
          operation,
          problems: [
            `${method} is not declared for ${found.template} (declared: ${found.declared.join(", ")}); expected status ${unsupportedStatuses.join(" or ")}, got ${response.status}`,
          ],
          slips: [],
        };
      }
      if (response.status === 405 && !response.headers.allow) {
        return { operation, problems: [], slips: [`405 response to ${method} ${found.template} lacks the Allow header`] };
      }
      return { operation, problems: [], slips: [] };
    }
    const all = index.checkResponse(found.match, response);
    const slips = all.filter((problem) => isSlip(problem, found.match, response));
    return { operation, problems: all.filter((problem) => !slips.includes(problem)), slips };
  }

  function operationOf(method: string, pathname: string): string {
    const found = index.match(method, pathname);
    if (found.kind === "no-path") return `${method} ${pathname}`;
    return `${method} ${found.kind === "operation" ? found.match.template : found.template}`;
  }

  function recordFinding(operation: string, message: string, failedTest: boolean): void {
    const kind = violationKind(message);
    const key = `${operation}\0${kind}`;
    if (seenFindings.has(key)) {
      // Seen on a setup exchange first, then on a subject one: it now counts against this test.
      if (failedTest) {
        const earlier = options.findings?.find((f) => f.operation === operation && f.kind === kind);
        if (earlier) earlier.failedTest = true;
      }
      return;
    }
    seenFindings.add(key);
    options.findings?.push({ operation, kind, message, failedTest });
  }

  async function request(method: string, path: string, opts: RequestOptions = {}): Promise<ContractResponse> {
    const upper = method.toUpperCase();
    const url = new URL(path, baseUrl);
    for (const [key, value] of Object.entries(opts.query ?? {})) {
      if (value !== undefined) url.searchParams.append(key, String(value));
    }
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(opts.headers ?? {})) headers[key.toLowerCase()] = value;
    let body: string | Uint8Array | undefined = opts.body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers["content-type"] ??= "application/json";
    }
    const timeoutMs = opts.timeoutMs ?? defaultTimeout;
    const operation = operationOf(upper, url.pathname);
    // A declared subject decides; otherwise the request's own flag (helpers flag their setup).
    const setup = subject ? !subject.has(operation) : opts.setup === true;
    const record: Evidence = {
      request: {
        method: upper,
        url: url.pathname + url.search,
        headers: capHeaders(headers),
        ...(body !== undefined
          ? { body: cap(typeof body === "string" ? body : Buffer.from(body).toString("utf8"), EVIDENCE_LIMITS.requestBodyBytes) }
          : {}),
      },
      operation,
      ...(setup ? { role: "setup" as const } : {}),
    };
    keepEvidence(evidence, record);

    const started = performance.now();
    let raw: RawResponse;
    try {
      const large = body !== undefined && (typeof body === "string" ? Buffer.byteLength(body) : body.byteLength) >= LARGE_BODY_BYTES;
      raw = large ? await sendWithNodeHttp(url, upper, headers, body!, timeoutMs) : await sendWithFetch(url, upper, headers, body, timeoutMs);
    } catch (error) {
      if (error instanceof Failed) {
        record.note = error.description;
        if (error.partial) record.response = { status: error.partial.status, headers: capHeaders(error.partial.headers), body: "" };
        options.onExchange?.({ operation, ...(error.partial ? { status: error.partial.status } : {}) });
        throw new RequestError(`${upper} ${url.pathname}: ${error.description}`, operation, error.description);
      }
      throw error;
    }
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    const { text } = raw;
    record.response = {
      status: raw.status,
      headers: capHeaders(raw.headers),
      body: cap(text, EVIDENCE_LIMITS.responseBodyBytes),
    };
    options.onExchange?.({ operation, status: raw.status });

    const response: ContractResponse = {
      status: raw.status,
      headers: raw.headers,
      text,
      durationMs,
      json<T>() {
        try {
          return JSON.parse(text) as T;
        } catch {
          throw new AssertionFailure(`expected a JSON body from ${upper} ${url.pathname}, got ${show(text)}`);
        }
      },
    };
    if (!opts.skipContractCheck) {
      const { problems, slips } = checkContract(upper, url.pathname, response);
      for (const slip of slips) recordFinding(operation, slip, false);
      for (const problem of problems) recordFinding(operation, problem, !setup);
      if (problems.length + slips.length > 0) record.violation = [...problems, ...slips].join("; ");
      if (problems.length > 0 && !setup) throw new ContractViolation(problems.join("; "), response.status, operation, problems[0]);
    }
    return response;
  }

  return {
    request,
    get: (path, opts) => request("GET", path, opts),
    delete: (path, opts) => request("DELETE", path, opts),
    post: (path, json, opts) => request("POST", path, { ...opts, ...(json !== undefined ? { json } : {}) }),
    put: (path, json, opts) => request("PUT", path, { ...opts, ...(json !== undefined ? { json } : {}) }),
    patch: (path, json, opts) => request("PATCH", path, { ...opts, ...(json !== undefined ? { json } : {}) }),
  };
}
