// Response helpers and the request-body reader shared by every route.

export const MAX_BODY_BYTES = 1024 * 1024;
const PROBLEM_BASE = "https://taskboard.example/problems/";

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
  badRequest: (detail) => new HttpError(400, "bad-request", "The request is malformed.", { detail }),
  unauthorized: (detail) =>
    new HttpError(401, "unauthorized", "Authentication is required.", {
      detail,
      headers: { "www-authenticate": 'Bearer realm="taskboard"' },
    }),
  forbidden: (detail) => new HttpError(403, "forbidden", "You may not access this resource.", { detail }),
  notFound: (detail) => new HttpError(404, "not-found", "The resource does not exist.", { detail }),
  methodNotAllowed: (allowed) =>
    new HttpError(405, "method-not-allowed", "The method is not allowed on this resource.", {
      detail: `Allowed: ${allowed.join(", ")}`,
      headers: { allow: allowed.join(", ") },
    }),
  conflict: (type, title, detail) => new HttpError(409, type, title, { detail }),
  preconditionFailed: () =>
    new HttpError(412, "precondition-failed", "The resource has changed since you read it.", {
      detail: "If-Match does not match the current ETag; fetch the resource again.",
    }),
  payloadTooLarge: () =>
    new HttpError(413, "payload-too-large", "The request body is too large.", {
      detail: `The limit is ${MAX_BODY_BYTES} bytes.`,
    }),
  unsupportedMediaType: () =>
    new HttpError(415, "unsupported-media-type", "The request body must be JSON.", {
      detail: "Send Content-Type: application/json.",
    }),
  idempotencyMismatch: () =>
    new HttpError(422, "idempotency-key-reused", "The Idempotency-Key was already used with a different request.", {
      detail: "Use a new key for a new request.",
    }),
  preconditionRequired: () =>
    new HttpError(428, "precondition-required", "This request must be conditional.", {
      detail: "Send If-Match with the ETag you last read.",
    }),
};

export function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendEmpty(res, status, headers = {}) {
  res.writeHead(status, headers);
  res.end();
}

export function sendProblem(res, error, instance) {
  const body = { type: PROBLEM_BASE + error.type, title: error.title, status: error.status };
  if (error.detail) body.detail = error.detail;
  if (instance) body.instance = instance;
  if (error.errors) body.errors = error.errors;
  const text = JSON.stringify(body);
  res.writeHead(error.status, {
    "content-type": "application/problem+json",
    "content-length": Buffer.byteLength(text),
    ...error.headers,
  });
  res.end(text);
}

function isJsonMediaType(contentType) {
  const mediaType = (contentType ?? "").split(";")[0].trim().toLowerCase();
  return mediaType === "application/json" || mediaType === "application/merge-patch+json";
}

function readRaw(req) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      req.resume();
      reject(problems.payloadTooLarge());
      return;
    }
    const chunks = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on("end", () => (tooLarge ? reject(problems.payloadTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}

/** Reads a JSON object body; rejects with 415, 413 or 400 problems. */
export async function readJsonObject(req) {
  if (!isJsonMediaType(req.headers["content-type"])) {
    req.resume();
    throw problems.unsupportedMediaType();
  }
  const raw = await readRaw(req);
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
