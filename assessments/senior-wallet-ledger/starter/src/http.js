// Helpers for JSON responses, RFC 9457 problem details and JSON request bodies.

export class HttpError extends Error {
  constructor(status, title, { type = "about:blank", detail, errors, headers } = {}) {
    super(title);
    this.status = status;
    this.type = type;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    this.headers = headers ?? {};
  }
}

export function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

export function sendProblem(res, error) {
  const body = { type: error.type, title: error.title, status: error.status };
  if (error.detail) body.detail = error.detail;
  if (error.errors) body.errors = error.errors;
  res.writeHead(error.status, { "content-type": "application/problem+json", ...error.headers });
  res.end(JSON.stringify(body));
}

/** Reads the request body as a JSON object, or throws a 415/400 HttpError. */
export async function readJsonObject(req) {
  const mediaType = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/json") {
    req.resume();
    throw new HttpError(415, "The request body must be JSON.");
  }
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  let value;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(400, "The body is not valid JSON.");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new HttpError(400, "The body must be a JSON object.");
  }
  return value;
}
