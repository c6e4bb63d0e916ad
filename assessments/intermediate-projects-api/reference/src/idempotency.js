// Idempotency-Key support for POST: the first successful response for (user, key) is stored
// and replayed for the same request; the same key with a different request is refused.
import { problems, sendJson } from "./http.js";

const RETENTION_MS = 24 * 60 * 60 * 1000;

function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function readIdempotencyKey(req) {
  const key = req.headers["idempotency-key"];
  if (key === undefined) return null;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw problems.validation([{ field: "Idempotency-Key", message: "must be 1 to 255 visible ASCII characters" }]);
  }
  return key;
}

export class IdempotencyStore {
  #records = new Map();

  /**
   * Replays a stored response for the same request, refuses a different request with the same
   * key, and otherwise runs `produce` ({ status, body, headers }) and remembers a 2xx result.
   */
  async handle({ res, userId, key, method, path, body }, produce) {
    if (key === null) {
      const result = await produce();
      sendJson(res, result.status, result.body, result.headers);
      return;
    }
    const scope = `${userId}\n${key}`;
    const fingerprint = `${method} ${path} ${canonical(body)}`;
    const stored = this.#records.get(scope);
    if (stored && stored.expiresAt > Date.now()) {
      if (stored.fingerprint !== fingerprint) throw problems.idempotencyMismatch();
      sendJson(res, stored.status, stored.body, { ...stored.headers, "idempotent-replayed": "true" });
      return;
    }
    const result = await produce();
    if (result.status >= 200 && result.status < 300) {
      this.#records.set(scope, { fingerprint, ...result, expiresAt: Date.now() + RETENTION_MS });
    }
    sendJson(res, result.status, result.body, result.headers);
  }
}
