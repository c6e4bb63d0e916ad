// The HTTP client tests use. Every response is checked against the OpenAPI operation it hit, and
// every exchange is kept as evidence for the scorecard (sizes capped).
import { AssertionFailure, show } from "./assert";
import type { ContractClient, ContractResponse, Evidence, RequestOptions } from "./contract";
import type { OpenApiIndex } from "./openapi";

export const EVIDENCE_LIMITS = { exchanges: 20, requestBodyBytes: 4096, responseBodyBytes: 8192, headerValueChars: 512 };
export const MAX_RESPONSE_BYTES = 1024 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = 5000;

/** The response broke the OpenAPI contract (outcome "failed"). */
export class ContractViolation extends AssertionFailure {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(`contract: ${message}`);
    this.name = "ContractViolation";
  }
}

/** No usable response at all: refused, reset, timed out (outcome "error"). */
export class RequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RequestError";
  }
}

export interface ClientOptions {
  baseUrl: string;
  index: OpenApiIndex;
  evidence: Evidence[];
  defaultTimeoutMs?: number;
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

function describeFetchError(error: unknown, timeoutMs: number): string {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === "TimeoutError" || err.name === "AbortError") return `no response within ${timeoutMs} ms`;
  const cause = err.cause?.code ?? err.cause?.message;
  return cause ? `${err.message} (${cause})` : err.message;
}

export function createContractClient(options: ClientOptions): ContractClient {
  const { baseUrl, index, evidence } = options;
  const defaultTimeout = options.defaultTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const unsupportedStatuses = unsupportedMethodStatuses(index.doc);

  function checkContract(method: string, pathname: string, response: ContractResponse): string[] {
    const found = index.match(method, pathname);
    if (found.kind === "no-path") return [`${method} ${pathname} is not an operation of the contract`];
    if (found.kind === "method-not-declared") {
      if (!unsupportedStatuses.includes(response.status)) {
        return [
          `${method} is not declared for ${found.template} (declared: ${found.declared.join(", ")}); expected status ${unsupportedStatuses.join(" or ")}, got ${response.status}`,
        ];
      }
      if (response.status === 405 && !response.headers.allow) return [`405 response to ${method} ${found.template} lacks the Allow header`];
      return [];
    }
    return index.checkResponse(found.match, response);
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
    const record: Evidence = {
      request: {
        method: upper,
        url: url.pathname + url.search,
        headers: capHeaders(headers),
        ...(body !== undefined
          ? { body: cap(typeof body === "string" ? body : Buffer.from(body).toString("utf8"), EVIDENCE_LIMITS.requestBodyBytes) }
          : {}),
      },
    };
    if (evidence.length < EVIDENCE_LIMITS.exchanges) evidence.push(record);

    const started = performance.now();
    let raw: Response;
    let text: string;
    try {
      const payload = typeof body === "string" || body === undefined ? body : new Uint8Array(body);
      raw = await fetch(url, { method: upper, headers, body: payload, redirect: "manual", signal: AbortSignal.timeout(Math.max(1, Math.round(timeoutMs))) });
      text = await readCapped(raw);
    } catch (error) {
      if (error instanceof AssertionFailure) throw error;
      throw new RequestError(`${upper} ${url.pathname}: ${describeFetchError(error, timeoutMs)}`);
    }
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    const responseHeaders: Record<string, string> = {};
    raw.headers.forEach((value, key) => (responseHeaders[key] = value));
    record.response = {
      status: raw.status,
      headers: capHeaders(responseHeaders),
      body: cap(text, EVIDENCE_LIMITS.responseBodyBytes),
    };

    const response: ContractResponse = {
      status: raw.status,
      headers: responseHeaders,
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
      const problems = checkContract(upper, url.pathname, response);
      if (problems.length > 0) throw new ContractViolation(problems.join("; "), response.status);
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
