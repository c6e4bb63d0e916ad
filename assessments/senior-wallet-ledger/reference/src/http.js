// Problem details, JSON responses and a size-capped JSON body reader.

export const MAX_BODY_BYTES = 16 * 1024;
const MAX_DRAIN_BYTES = 8 * 1024 * 1024;
const PROBLEM_BASE = "https://wallet.example/problems/";

export class HttpError extends Error {
  constructor(status, type, title, { detail, errors, headers } = {}) {
    super(title);
    this.status = status;
    this.type = type;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    this.headers = headers ?? {};
  }
}

export const problems = {
  validation: (errors) =>
    new HttpError(400, "validation-error", "The request is not valid.", {
      detail: errors.map((e) => `${e.field}: ${e.message}`).join("; "),
      errors,
    }),
  badRequest: (detail) => new HttpError(400, "malformed-request", "The request body is malformed.", { detail }),
  unauthorized: (detail) =>
    new HttpError(401, "unauthorized", "A valid API key is required.", {
      detail,
      headers: { "www-authenticate": 'Bearer realm="wallet"' },
    }),
  notFound: (detail) => new HttpError(404, "not-found", "The resource does not exist.", { detail }),
  methodNotAllowed: (allowed) =>
    new HttpError(405, "method-not-allowed", "The method is not allowed on this resource.", {
      detail: `Allowed: ${allowed.join(", ")}`,
      headers: { allow: allowed.join(", ") },
    }),
  insufficientFunds: (detail) => new HttpError(409, "insufficient-funds", "The wallet balance is too low.", { detail }),
  payloadTooLarge: () =>
    new HttpError(413, "payload-too-large", "The request body is too large.", {
      detail: `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`,
    }),
  unsupportedMediaType: () =>
    new HttpError(415, "unsupported-media-type", "The request body must be JSON.", {
      detail: "Send Content-Type: application/json.",
    }),
  currencyMismatch: (detail) => new HttpError(422, "currency-mismatch", "The wallets hold different currencies.", { detail }),
  idempotencyMismatch: () =>
    new HttpError(422, "idempotency-key-reused", "The Idempotency-Key was already used for a different request.", {
      detail: "Use a new key for a new request.",
    }),
  rateLimited: (retryAfterSeconds) =>
    new HttpError(429, "rate-limited", "Too many requests.", {
      detail: `Retry in ${retryAfterSeconds} s.`,
      headers: { "retry-after": String(retryAfterSeconds) },
    }),
};

/** The problem body of an HttpError, as stored for idempotent replays. */
export function problemBody(error, instance) {
  const body = { type: PROBLEM_BASE + error.type, title: error.title, status: error.status };
  if (error.detail) body.detail = error.detail;
  if (instance) body.instance = instance;
  if (error.errors) body.errors = error.errors;
  return body;
}

export function send(res, status, body, headers = {}) {
  const text = body === undefined ? "" : JSON.stringify(body);
  const contentType = status >= 400 ? "application/problem+json" : "application/json; charset=utf-8";
  res.writeHead(status, {
    ...(body === undefined ? {} : { "content-type": contentType, "content-length": Buffer.byteLength(text) }),
    ...headers,
  });
  res.end(text);
}

export function sendProblem(res, error, instance) {
  send(res, error.status, problemBody(error, instance), error.headers);
}

// An oversized body is drained (up to MAX_DRAIN_BYTES) rather than cut off, so the client reads
// the 413 instead of a reset connection.
function readCapped(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > MAX_DRAIN_BYTES) {
        req.destroy();
        reject(problems.payloadTooLarge());
      }
    });
    req.on("end", () => (size > MAX_BODY_BYTES ? reject(problems.payloadTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}

/** Reads a JSON object body; rejects with 415, 413 or 400 problems. */
export async function readJsonObject(req) {
  const mediaType = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/json") {
    req.resume();
    throw problems.unsupportedMediaType();
  }
  const raw = await readCapped(req);
  let value;
  try {
    value = JSON.parse(raw.toString("utf8"));
  } catch {
    throw problems.badRequest("The body is not valid JSON.");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw problems.badRequest("The body must be a JSON object.");
  }
  return value;
}
