// Field rules for request bodies and query strings. Every failure names the field it is about.
import { problems } from "./http.js";

export const text = ({ min = 0, max, nullable = false }) => ({
  check(value) {
    if (value === null) return nullable ? null : "must not be null";
    if (typeof value !== "string") return "must be a string";
    const length = value.trim().length;
    if (length < min) return min === 1 ? "must not be empty" : `must be at least ${min} characters`;
    if (length > max) return `must be at most ${max} characters`;
    return null;
  },
  normalize: (value) => (value === null ? null : value.trim()),
});

export const oneOf = (values) => ({
  check: (value) => (values.includes(value) ? null : `must be one of ${values.join(", ")}`),
});

export const email = () => ({
  check(value) {
    if (typeof value !== "string") return "must be a string";
    if (value.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return "must be an email address";
    return null;
  },
  normalize: (value) => value.trim().toLowerCase(),
});

export const password = () => ({
  check(value) {
    if (typeof value !== "string") return "must be a string";
    if (value.length < 8) return "must be at least 8 characters";
    if (value.length > 128) return "must be at most 128 characters";
    return null;
  },
});

export function isCalendarDate(value) {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const calendarDate = ({ nullable = false } = {}) => ({
  check(value) {
    if (value === null) return nullable ? null : "must not be null";
    return isCalendarDate(value) ? null : "must be a calendar date (YYYY-MM-DD)";
  },
});

/**
 * Validates `body` against `rules` ({ field: { ...rule, required?, default? } }).
 * With `partial`, absent fields stay absent and at least one known field is required.
 */
export function parseBody(body, rules, { partial = false } = {}) {
  const errors = [];
  const out = {};
  for (const [field, rule] of Object.entries(rules)) {
    if (body[field] === undefined) {
      if (partial) continue;
      if (rule.required) errors.push({ field, message: "is required" });
      else if ("default" in rule) out[field] = rule.default;
      continue;
    }
    const message = rule.check(body[field]);
    if (message) errors.push({ field, message });
    else out[field] = rule.normalize ? rule.normalize(body[field]) : body[field];
  }
  if (partial && errors.length === 0 && Object.keys(out).length === 0) {
    errors.push({ field: "body", message: `must contain at least one of ${Object.keys(rules).join(", ")}` });
  }
  if (errors.length > 0) throw problems.validation(errors);
  return out;
}
