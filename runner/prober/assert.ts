import type { Assertions, ContractResponse } from "./contract";

/** A failed expectation: the candidate's service did the wrong thing (outcome "failed"). */
export class AssertionFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AssertionFailure";
  }
}

export function show(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as never)[k], (b as never)[k]));
}

export function createAssertions(): Assertions {
  const fail = (message: string): never => {
    throw new AssertionFailure(message);
  };
  return {
    fail,
    equal<T>(actual: T, expected: T, message?: string) {
      if (!deepEqual(actual, expected)) {
        fail(`${message ? `${message}: ` : ""}expected ${show(expected)}, got ${show(actual)}`);
      }
    },
    ok(value: unknown, message?: string): asserts value {
      if (!value) fail(message ?? `expected a truthy value, got ${show(value)}`);
    },
    status(response: ContractResponse, expected: number | number[]) {
      const allowed = Array.isArray(expected) ? expected : [expected];
      if (!allowed.includes(response.status)) {
        const body = response.text ? `; body: ${show(response.text)}` : "";
        fail(`expected status ${allowed.join(" or ")}, got ${response.status}${body}`);
      }
    },
    header(response: ContractResponse, name: string, pattern?: RegExp | string) {
      const value = response.headers[name.toLowerCase()];
      if (value === undefined) return fail(`expected a ${name} header, the response has none`);
      if (pattern instanceof RegExp && !pattern.test(value)) fail(`${name} header ${show(value)} does not match ${pattern}`);
      if (typeof pattern === "string" && value !== pattern) fail(`expected ${name} header ${show(pattern)}, got ${show(value)}`);
      return value;
    },
  };
}
