// Field rules for request bodies and headers. Every failure names the field it is about.
import { problems } from "./http.js";

export const CURRENCIES = ["EUR", "USD", "GBP"];
export const MAX_AMOUNT = 1_000_000_000;

export const amount = {
  required: true,
  check: (value) =>
    Number.isSafeInteger(value) && value >= 1 && value <= MAX_AMOUNT
      ? null
      : `must be an integer number of minor units from 1 to ${MAX_AMOUNT}`,
};

export const currency = {
  required: true,
  check: (value) => (CURRENCIES.includes(value) ? null : `must be one of ${CURRENCIES.join(", ")}`),
};

export const id = {
  required: true,
  check: (value) => (typeof value === "string" && value.length > 0 && value.length <= 100 ? null : "must be a wallet id"),
};

export const optionalText = (max) => ({
  default: null,
  check: (value) => (value === null || (typeof value === "string" && value.length <= max) ? null : `must be a string of at most ${max} characters or null`),
});

export const requiredText = (max) => ({
  required: true,
  check: (value) =>
    typeof value === "string" && value.trim().length >= 1 && value.length <= max
      ? null
      : `must be a non-empty string of at most ${max} characters`,
});

/** Validates `body` against `rules`; unknown fields are ignored. */
export function parseBody(body, rules) {
  const errors = [];
  const out = {};
  for (const [field, rule] of Object.entries(rules)) {
    const value = body[field];
    if (value === undefined) {
      if (rule.required) errors.push({ field, message: "is required" });
      else out[field] = rule.default;
      continue;
    }
    const message = rule.check(value);
    if (message) errors.push({ field, message });
    else out[field] = value;
  }
  if (errors.length > 0) throw problems.validation(errors);
  return out;
}

export function requireIdempotencyKey(req) {
  const key = req.headers["idempotency-key"];
  if (key === undefined) {
    throw problems.validation([{ field: "Idempotency-Key", message: "is required for money movements" }]);
  }
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw problems.validation([{ field: "Idempotency-Key", message: "must be 1 to 255 visible ASCII characters" }]);
  }
  return key;
}
