// The /api/v1 dispatcher: token authentication, the per-token rate limit, scopes, JSON bodies,
// Idempotency-Key, problem documents and the usage audit, the same for every endpoint. Sessions
// play no part: the web server drops cookies on /api before Remix sees the request.
import type { z } from "zod";
import { hasScope, type ApiScope } from "~/domain/api/scopes";
import { getConfig } from "../config.server";
import { parseIdempotencyKey, requestFingerprint, withIdempotency } from "./idempotency.server";
import { ApiProblem, problemResponse, problems } from "./problem.server";
import { rateLimitPerMinute, takeRequest, type RateVerdict } from "./rate-limit.server";
import { authenticate, recordTokenUse, type ApiPrincipal } from "./tokens.server";

export const API_PREFIX = "/api/v1";

export interface ApiContext {
  principal: ApiPrincipal;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  publicUrl: string;
  now: Date;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ApiRoute {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  scope: ApiScope;
  handle(context: ApiContext): Promise<ApiAnswer>;
}

function compile(path: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { regex: new RegExp(`^${source}$`), names };
}

/** zod errors become 422 problem documents listing each field. */
export function parseOr422<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw problems.validation(result.error);
  return result.data;
}

function jsonResponse(status: number, text: string, headers: Record<string, string>): Response {
  return new Response(status === 204 ? null : text, {
    status,
    headers: { ...(status === 204 ? {} : { "Content-Type": "application/json" }), "Cache-Control": "no-store", ...headers },
  });
}

function rateHeaders(verdict: RateVerdict): Record<string, string> {
  return { "X-RateLimit-Limit": String(verdict.limit), "X-RateLimit-Remaining": String(verdict.remaining), "X-RateLimit-Reset": String(verdict.resetSeconds) };
}

async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") return {};
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") throw problems.unsupportedMediaType();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw problems.badRequest("The request body is not valid JSON.");
  }
  // PostgreSQL refuses NUL in text; no field of ours has a use for it.
  if (hasNul(body)) throw problems.badRequest("Strings in the request body may not contain NUL characters (\\u0000).");
  return body;
}

function hasNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\0");
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === "object") return Object.entries(value).some(([key, item]) => key.includes("\0") || hasNul(item));
  return false;
}

function internalError(error: unknown): ApiProblem {
  console.error(`[api] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return new ApiProblem(500, "internal-error", "Internal error", "The request failed on our side; it is safe to retry.");
}

export function createApiHandler(routes: ApiRoute[]) {
  const compiled = routes.map((route) => ({ route, ...compile(route.path) }));

  async function answer(request: Request, principal: ApiPrincipal, pathname: string, url: URL): Promise<{ status: number; text: string; headers: Record<string, string> }> {
    const matches = compiled.filter((entry) => entry.regex.test(pathname));
    if (matches.length === 0) throw problems.notFound(`There is no API resource at ${API_PREFIX}${pathname}.`);
    const entry = matches.find((candidate) => candidate.route.method === request.method);
    if (!entry) throw problems.methodNotAllowed([...new Set(matches.map((candidate) => candidate.route.method))]);
    if (!hasScope(principal.scopes, entry.route.scope)) throw problems.forbidden(`This token lacks the "${entry.route.scope}" scope.`);
    const found = entry.regex.exec(pathname)!;
    const params = Object.fromEntries(entry.names.map((name, index) => [name, decodeURIComponent(found[index + 1])]));
    const body = request.method === "GET" || request.method === "DELETE" ? undefined : await readJsonBody(request);
    const context: ApiContext = { principal, params, query: url.searchParams, body, publicUrl: getConfig().PUBLIC_URL, now: new Date() };

    const run = async () => {
      try {
        const result = await entry.route.handle(context);
        return { status: result.status, text: result.status === 204 ? "" : JSON.stringify(result.body), headers: result.headers ?? {}, problem: false };
      } catch (error) {
        if (!(error instanceof ApiProblem)) throw error;
        return { status: error.status, text: JSON.stringify(error.toDetails(url.pathname)), headers: error.headers, problem: true };
      }
    };

    const key = request.method === "POST" ? parseIdempotencyKey(request.headers.get("idempotency-key")) : null;
    if (!key) {
      const result = await run();
      return { status: result.status, text: result.text, headers: { ...result.headers, ...(result.problem ? { "Content-Type": "application/problem+json" } : {}) } };
    }
    const stored = await withIdempotency(principal.tokenId, key, requestFingerprint(request.method, pathname, body), async () => {
      const result = await run();
      return { status: result.status, body: result.text, headers: result.headers };
    });
    const isProblem = stored.status >= 400;
    return {
      status: stored.status,
      text: stored.body,
      headers: { ...stored.headers, ...(stored.replayed ? { "Idempotent-Replayed": "true" } : {}), ...(isProblem ? { "Content-Type": "application/problem+json" } : {}) },
    };
  }

  return async function handleApiRequest(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const pathname = url.pathname.slice(API_PREFIX.length) || "/";
    let principal: ApiPrincipal;
    try {
      principal = await authenticate(request);
    } catch (error) {
      if (error instanceof ApiProblem) return problemResponse(error, url.pathname);
      throw error;
    }

    let verdict: RateVerdict;
    try {
      verdict = await takeRequest(principal.tokenId);
    } catch (error) {
      // Redis down: serve the request rather than take the API offline with it.
      console.error(`[api] rate limit unavailable: ${(error as Error).message}`);
      verdict = { allowed: true, limit: rateLimitPerMinute(), remaining: 0, resetSeconds: 60 };
    }

    let status: number;
    let response: Response;
    if (!verdict.allowed) {
      response = problemResponse(problems.rateLimited(verdict.resetSeconds, verdict.limit), url.pathname, rateHeaders(verdict));
      status = 429;
    } else {
      try {
        const result = await answer(request, principal, pathname, url);
        response = jsonResponse(result.status, result.text, { ...result.headers, ...rateHeaders(verdict) });
        status = result.status;
      } catch (error) {
        const problem = error instanceof ApiProblem ? error : internalError(error);
        response = problemResponse(problem, url.pathname, rateHeaders(verdict));
        status = problem.status;
      }
    }
    await recordTokenUse(principal, { method: request.method, path: url.pathname, status });
    return response;
  };
}
