// RFC 9457 problem documents: every API error is one, with a stable `type` per kind of problem.
import type { z } from "zod";

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

const TYPE_BASE = "https://hirekit.dev/problems/";

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    readonly title: string,
    detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  toDetails(instance?: string): ProblemDetails {
    return { type: `${TYPE_BASE}${this.kind}`, title: this.title, status: this.status, detail: this.message, ...(instance ? { instance } : {}), ...this.extra };
  }
}

export const problems = {
  unauthorized: (detail: string) =>
    new ApiProblem(401, "unauthorized", "Authentication required", detail, {}, { "WWW-Authenticate": 'Bearer realm="hirekit", error="invalid_token"' }),
  forbidden: (detail: string) => new ApiProblem(403, "insufficient-scope", "Insufficient scope", detail),
  notFound: (detail: string) => new ApiProblem(404, "not-found", "Not found", detail),
  methodNotAllowed: (allowed: string[]) =>
    new ApiProblem(405, "method-not-allowed", "Method not allowed", `This resource accepts ${allowed.join(", ")}.`, {}, { Allow: allowed.join(", ") }),
  conflict: (detail: string) => new ApiProblem(409, "conflict", "Conflict", detail),
  badRequest: (detail: string) => new ApiProblem(400, "bad-request", "Bad request", detail),
  unsupportedMediaType: () => new ApiProblem(415, "unsupported-media-type", "Unsupported media type", "Send the body as application/json."),
  idempotencyMismatch: () =>
    new ApiProblem(422, "idempotency-key-reused", "Idempotency key reused", "This Idempotency-Key was already used with a different request body."),
  idempotencyInProgress: () =>
    new ApiProblem(409, "idempotency-key-in-progress", "Request in progress", "A request with this Idempotency-Key is still being processed; retry later."),
  rateLimited: (retryAfterSeconds: number, limit: number) =>
    new ApiProblem(429, "rate-limited", "Too many requests", `This token may make ${limit} requests per minute; retry in ${retryAfterSeconds} s.`, {}, { "Retry-After": String(retryAfterSeconds) }),
  validation: (error: z.ZodError) =>
    new ApiProblem(422, "validation-failed", "Validation failed", "The request body or query does not match the API description.", {
      errors: error.issues.map((issue) => ({ path: issue.path.length > 0 ? `/${issue.path.join("/")}` : "", message: issue.message })),
    }),
};

export function problemResponse(problem: ApiProblem, instance: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem.toDetails(instance)), {
    status: problem.status,
    headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store", ...problem.headers, ...headers },
  });
}
