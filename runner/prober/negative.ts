// Negative checks derived from the OpenAPI document: each breaks exactly one rule the contract
// states (a required field, a type, an enum, a method, credentials) and expects the error status
// the contract declares for it. Derivation is deterministic; which checks run is a seeded sample.
// Body and query checks on a secured operation send valid credentials (from the assessment's
// credential provider), so they test validation, not authentication.
import type { ContractTest, RequestOptions, TestContext, Visibility } from "./contract";
import { ContractViolation, unsupportedMethodStatuses } from "./client";
import { HTTP_METHODS, isJsonMediaType, type JsonObject, type OpenApiIndex, pointerOf } from "./openapi";
import { createRandom, hashString, shuffleInPlace } from "./random";
import { CannotSample, sampleValue, wrongTypeValue, type SampleContext } from "./sample";

/** Valid credentials for a secured operation, as request headers (an assessment's tests/index.ts exports it). */
export type CredentialProvider = (ctx: TestContext) => Promise<Record<string, string>>;

export interface NegativeCheckOptions {
  count: number;
  pointsEach: number;
  competency: string;
  visibility: Visibility;
  credentials?: CredentialProvider;
}

export type NegativeKind =
  | "missing-field"
  | "wrong-type"
  | "bad-enum"
  | "bad-query"
  | "unsupported-method"
  | "no-credentials"
  | "bad-credentials";

export interface NegativeCheck {
  id: string;
  kind: NegativeKind;
  title: string;
  method: string;
  template: string;
  expected: number[];
  run(ctx: TestContext, credentials?: CredentialProvider): Promise<void>;
}

const PROBED_METHODS = ["get", "post", "put", "patch", "delete"] as const;
const VALIDATION_STATUSES = [400, 422];

interface OperationInfo {
  template: string;
  method: string;
  operation: JsonObject;
  pointer: string;
  parameters: { value: JsonObject; pointer: string }[];
}

function operationsOf(index: OpenApiIndex): OperationInfo[] {
  const out: OperationInfo[] = [];
  for (const template of Object.keys(index.doc.paths)) {
    const item = index.resolve(index.doc.paths[template], pointerOf("paths", template));
    const shared = (item.value.parameters as unknown[] | undefined) ?? [];
    for (const method of HTTP_METHODS) {
      const operation = item.value[method] as JsonObject | undefined;
      if (!operation) continue;
      const pointer = item.pointer + pointerOf(method);
      const own = (operation.parameters as unknown[] | undefined) ?? [];
      const parameters = [
        ...shared.map((p, i) => index.resolve(p, `${item.pointer}/parameters/${i}`)),
        ...own.map((p, i) => index.resolve(p, `${pointer}/parameters/${i}`)),
      ];
      out.push({ template, method, operation, pointer, parameters });
    }
  }
  return out;
}

function declaredAmong(operation: JsonObject, candidates: number[]): number[] {
  const responses = (operation.responses ?? {}) as JsonObject;
  return candidates.filter((code) => String(code) in responses || `${Math.floor(code / 100)}XX` in responses);
}

function hasPathParams(template: string): boolean {
  return /\{[^}]+\}/.test(template);
}

function fillPath(template: string, parameters: OperationInfo["parameters"], ctx: SampleContext): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const param = parameters.find((p) => p.value.in === "path" && p.value.name === name);
    const value = param?.value.schema ? sampleValue(param.value.schema, `${param.pointer}/schema`, ctx, name) : "1";
    return encodeURIComponent(String(value));
  });
}

function jsonBodySchema(index: OpenApiIndex, op: OperationInfo): { schema: JsonObject; pointer: string } | undefined {
  if (!op.operation.requestBody) return undefined;
  const body = index.resolve(op.operation.requestBody, `${op.pointer}/requestBody`);
  const content = (body.value.content ?? {}) as JsonObject;
  const mediaType = Object.keys(content).find((key) => isJsonMediaType(key.toLowerCase()));
  if (!mediaType) return undefined;
  const media = index.resolve(content[mediaType], body.pointer + pointerOf("content", mediaType));
  if (!media.value.schema) return undefined;
  const schema = index.resolve<JsonObject>(media.value.schema, `${media.pointer}/schema`);
  return { schema: schema.value, pointer: schema.pointer };
}

/** Properties and required names of an object schema, including those it takes from allOf parts. */
function objectShape(index: OpenApiIndex, schema: JsonObject, pointer: string, depth = 0) {
  const properties = new Map<string, JsonObject>();
  const required = new Set<string>();
  if (depth > 8) return { properties, required };
  for (const [name, raw] of Object.entries((schema.properties ?? {}) as JsonObject)) {
    properties.set(name, index.resolve<JsonObject>(raw, `${pointer}/properties/${name}`).value);
  }
  for (const name of Array.isArray(schema.required) ? (schema.required as string[]) : []) required.add(name);
  for (const [i, part] of (Array.isArray(schema.allOf) ? schema.allOf : []).entries()) {
    const resolved = index.resolve<JsonObject>(part, `${pointer}/allOf/${i}`);
    const inner = objectShape(index, resolved.value, resolved.pointer, depth + 1);
    inner.properties.forEach((value, name) => properties.set(name, value));
    inner.required.forEach((name) => required.add(name));
  }
  return { properties, required };
}

function sampleContextFor(index: OpenApiIndex, ctx: TestContext): SampleContext {
  return { index, random: ctx.random, unique: ctx.unique };
}

function requiredParams(op: OperationInfo, ctx: SampleContext, location: "query" | "header"): Record<string, string> {
  const values: Record<string, string> = {};
  for (const p of op.parameters) {
    if (p.value.in === location && p.value.required === true) {
      const name = String(p.value.name);
      values[location === "header" ? name.toLowerCase() : name] = String(sampleValue(p.value.schema ?? {}, `${p.pointer}/schema`, ctx, name));
    }
  }
  return values;
}

function requiredQuery(op: OperationInfo, ctx: SampleContext): Record<string, string> {
  return requiredParams(op, ctx, "query");
}

/** Security requirements of the operation (its own, else the document's); undefined when open. */
function securityOf(index: OpenApiIndex, op: OperationInfo): JsonObject[] | undefined {
  const requirements = (op.operation.security ?? index.doc.security) as JsonObject[] | undefined;
  if (!Array.isArray(requirements) || requirements.length === 0) return undefined;
  if (requirements.some((r) => Object.keys(r).length === 0)) return undefined;
  return requirements;
}

/** Headers of a valid request: required header parameters, plus credentials on a secured operation. */
async function validHeaders(index: OpenApiIndex, op: OperationInfo, ctx: TestContext, credentials: CredentialProvider | undefined) {
  const headers = requiredParams(op, sampleContextFor(index, ctx), "header");
  if (!securityOf(index, op)) return headers;
  if (!credentials) throw new Error(`${op.method.toUpperCase()} ${op.template} is secured and the assessment exports no negativeCheckCredentials`);
  return { ...headers, ...(await credentials(ctx)) };
}

/** Whether valid requests can be built for the operation; checks that cannot be built are not derived. */
function canSample(index: OpenApiIndex, op: OperationInfo, body: { schema: JsonObject; pointer: string } | undefined): boolean {
  const probe: SampleContext = { index, random: () => 0.5, unique: (prefix) => `${prefix}-probe` };
  try {
    if (body) sampleValue(body.schema, body.pointer, probe);
    fillPath(op.template, op.parameters, probe);
    requiredQuery(op, probe);
    requiredParams(op, probe, "header");
    return true;
  } catch (error) {
    if (error instanceof CannotSample) return false;
    throw error;
  }
}

function expectStatus(ctx: TestContext, status: number, expected: number[], what: string) {
  if (!expected.includes(status)) ctx.assert.fail(`${what}: expected status ${expected.join(" or ")}, got ${status}`);
}

/** Sends a probe; a wrong status is reported as such, ahead of any contract mismatch in its body. */
async function probe(ctx: TestContext, method: string, path: string, options: RequestOptions, expected: number[], what: string) {
  let status: number;
  try {
    const response = await ctx.http.request(method, path, options);
    status = response.status;
    // The Allow header is part of what an unsupported-method check is about.
    if (status === 405 && expected.includes(405)) ctx.assert.header(response, "Allow");
  } catch (error) {
    if (error instanceof ContractViolation && !expected.includes(error.status)) status = error.status;
    else throw error;
  }
  expectStatus(ctx, status, expected, what);
}

function bodyChecks(index: OpenApiIndex, op: OperationInfo, authenticated: boolean): NegativeCheck[] {
  if (hasPathParams(op.template) || (securityOf(index, op) && !authenticated)) return [];
  const body = jsonBodySchema(index, op);
  if (!body || body.schema.type !== "object" || !canSample(index, op, body)) return [];
  const expected = declaredAmong(op.operation, VALIDATION_STATUSES);
  if (expected.length === 0) return [];
  const METHOD = op.method.toUpperCase();
  const { properties, required } = objectShape(index, body.schema, body.pointer);
  const checks: NegativeCheck[] = [];

  const send = async (ctx: TestContext, credentials: CredentialProvider | undefined, mutate: (valid: JsonObject) => void, what: string) => {
    const headers = await validHeaders(index, op, ctx, credentials);
    const sampler = sampleContextFor(index, ctx);
    const valid = sampleValue(body.schema, body.pointer, sampler) as JsonObject;
    mutate(valid);
    return probe(ctx, METHOD, op.template, { json: valid, query: requiredQuery(op, sampler), headers }, expected, what);
  };

  for (const field of required) {
    checks.push({
      id: `negative:missing-field:${METHOD}:${op.template}:${field}`,
      kind: "missing-field",
      title: `${METHOD} ${op.template} without required field "${field}" is refused`,
      method: METHOD,
      template: op.template,
      expected,
      run: (ctx, credentials) => send(ctx, credentials, (valid) => delete valid[field], `body without "${field}"`),
    });
  }
  for (const [field, schema] of properties) {
    const wrong = wrongTypeValue(schema);
    if (wrong !== undefined) {
      checks.push({
        id: `negative:wrong-type:${METHOD}:${op.template}:${field}`,
        kind: "wrong-type",
        title: `${METHOD} ${op.template} with "${field}" of the wrong type is refused`,
        method: METHOD,
        template: op.template,
        expected,
        run: (ctx, credentials) => send(ctx, credentials, (valid) => (valid[field] = wrong), `"${field}": ${JSON.stringify(wrong)}`),
      });
    }
    if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === "string")) {
      checks.push({
        id: `negative:bad-enum:${METHOD}:${op.template}:${field}`,
        kind: "bad-enum",
        title: `${METHOD} ${op.template} with an unknown "${field}" value is refused`,
        method: METHOD,
        template: op.template,
        expected,
        run: (ctx, credentials) => send(ctx, credentials, (valid) => (valid[field] = `not-a-${field}`), `"${field}": "not-a-${field}"`),
      });
    }
  }
  return checks;
}

function queryChecks(index: OpenApiIndex, op: OperationInfo, authenticated: boolean): NegativeCheck[] {
  if (hasPathParams(op.template) || (securityOf(index, op) && !authenticated) || !canSample(index, op, undefined)) return [];
  const expected = declaredAmong(op.operation, VALIDATION_STATUSES);
  if (expected.length === 0) return [];
  const METHOD = op.method.toUpperCase();
  const checks: NegativeCheck[] = [];
  for (const param of op.parameters) {
    if (param.value.in !== "query" || !param.value.schema) continue;
    const name = String(param.value.name);
    const schema = index.resolve<JsonObject>(param.value.schema, `${param.pointer}/schema`).value;
    let bad: string | undefined;
    if (schema.type === "integer" || schema.type === "number") bad = "not-a-number";
    else if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === "string")) bad = `not-a-${name}`;
    if (bad === undefined) continue;
    const value = bad;
    checks.push({
      id: `negative:bad-query:${METHOD}:${op.template}:${name}`,
      kind: "bad-query",
      title: `${METHOD} ${op.template}?${name}=${value} is refused`,
      method: METHOD,
      template: op.template,
      expected,
      run: async (ctx, credentials) => {
        const headers = await validHeaders(index, op, ctx, credentials);
        const query = { ...requiredQuery(op, sampleContextFor(index, ctx)), [name]: value };
        await probe(ctx, METHOD, op.template, { query, headers }, expected, `${name}=${value}`);
      },
    });
  }
  return checks;
}

/**
 * Methods the contract does not declare on a path. On a secured path the request carries valid
 * credentials: a service may check them before it routes (Spring Security, a global middleware),
 * and this check is about method handling, not auth. Without credentials to send, a 401 is
 * accepted there as well.
 */
function methodChecks(index: OpenApiIndex, ops: OperationInfo[], authenticated: boolean): NegativeCheck[] {
  const expected = unsupportedMethodStatuses(index.doc);
  const checks: NegativeCheck[] = [];
  for (const template of Object.keys(index.doc.paths)) {
    const declared = new Set(ops.filter((o) => o.template === template).map((o) => o.method));
    const first = ops.find((o) => o.template === template);
    if (!first || !canSample(index, first, undefined)) continue;
    const secured = securityOf(index, first) !== undefined;
    const accepted = secured && !authenticated ? [...expected, 401] : expected;
    const parameters = first.parameters;
    for (const method of PROBED_METHODS.filter((m) => !declared.has(m))) {
      const METHOD = method.toUpperCase();
      checks.push({
        id: `negative:unsupported-method:${METHOD}:${template}`,
        kind: "unsupported-method",
        title: `${METHOD} ${template} (not in the contract) is answered with ${expected.join(" or ")}`,
        method: METHOD,
        template,
        expected: accepted,
        run: async (ctx, credentials) => {
          const path = fillPath(template, parameters, sampleContextFor(index, ctx));
          const headers = secured && credentials ? await validHeaders(index, first, ctx, credentials) : {};
          await probe(ctx, METHOD, path, { headers }, accepted, `${METHOD} ${template}`);
        },
      });
    }
  }
  return checks;
}

type Credential = { headers?: Record<string, string>; query?: Record<string, string> };

function badCredentialFor(index: OpenApiIndex, schemeName: string, token: string): Credential | undefined {
  const schemes = ((index.doc.components as JsonObject | undefined)?.securitySchemes ?? {}) as JsonObject;
  if (!(schemeName in schemes)) return undefined;
  const scheme = index.resolve<JsonObject>(schemes[schemeName], pointerOf("components", "securitySchemes", schemeName)).value;
  if (scheme.type === "http" && String(scheme.scheme).toLowerCase() === "bearer") {
    return { headers: { authorization: `Bearer ${token}` } };
  }
  if (scheme.type === "http" && String(scheme.scheme).toLowerCase() === "basic") {
    return { headers: { authorization: `Basic ${Buffer.from(`${token}:${token}`).toString("base64")}` } };
  }
  if (scheme.type === "apiKey" && scheme.in === "header") return { headers: { [String(scheme.name).toLowerCase()]: token } };
  if (scheme.type === "apiKey" && scheme.in === "query") return { query: { [String(scheme.name)]: token } };
  return undefined;
}

function securityChecks(index: OpenApiIndex, op: OperationInfo): NegativeCheck[] {
  const requirements = securityOf(index, op);
  if (!requirements) return [];
  if (!declaredAmong(op.operation, [401]).length) return [];
  const schemeName = Object.keys(requirements[0])[0];
  const METHOD = op.method.toUpperCase();
  const body = jsonBodySchema(index, op);
  if (!canSample(index, op, body)) return [];

  const send = async (ctx: TestContext, credential: Credential | undefined, what: string) => {
    const sampler = sampleContextFor(index, ctx);
    const path = fillPath(op.template, op.parameters, sampler);
    const json = body ? sampleValue(body.schema, body.pointer, sampler) : undefined;
    const query = { ...requiredQuery(op, sampler), ...(credential?.query ?? {}) };
    await probe(ctx, METHOD, path, { headers: credential?.headers, query, json }, [401], what);
  };

  const checks: NegativeCheck[] = [
    {
      id: `negative:no-credentials:${METHOD}:${op.template}`,
      kind: "no-credentials",
      title: `${METHOD} ${op.template} without credentials is answered with 401`,
      method: METHOD,
      template: op.template,
      expected: [401],
      run: (ctx) => send(ctx, undefined, "no credentials"),
    },
  ];
  if (badCredentialFor(index, schemeName, "x")) {
    checks.push({
      id: `negative:bad-credentials:${METHOD}:${op.template}`,
      kind: "bad-credentials",
      title: `${METHOD} ${op.template} with invalid credentials is answered with 401`,
      method: METHOD,
      template: op.template,
      expected: [401],
      run: (ctx) => send(ctx, badCredentialFor(index, schemeName, ctx.unique("invalid-token")), "invalid credentials"),
    });
  }
  return checks;
}

/**
 * Every derivable check, in a stable order (document order, then kind). Body and query checks of
 * secured operations need valid credentials, so they are derived only when `authenticated`.
 */
export function deriveNegativeChecks(index: OpenApiIndex, authenticated = false): NegativeCheck[] {
  const ops = operationsOf(index);
  return [
    ...ops.flatMap((op) => [...bodyChecks(index, op, authenticated), ...queryChecks(index, op, authenticated), ...securityChecks(index, op)]),
    ...methodChecks(index, ops, authenticated),
  ];
}

/**
 * A sample of the derived checks as contract tests. The sample is drawn from the contract itself,
 * never from a submission's seed: every upload against one contract answers the same checks, so
 * the same work always earns the same score.
 */
export function negativeCheckTests(index: OpenApiIndex, options: NegativeCheckOptions): ContractTest[] {
  const all = deriveNegativeChecks(index, options.credentials !== undefined);
  const contractSeed = hashString(JSON.stringify(index.doc));
  const chosen = new Set(shuffleInPlace([...all], createRandom(contractSeed, "negative-checks")).slice(0, options.count));
  return all
    .filter((check) => chosen.has(check))
    .map((check) => ({
      id: check.id,
      title: check.title,
      competency: options.competency,
      points: options.pointsEach,
      visibility: options.visibility,
      run: (ctx: TestContext) => check.run(ctx, options.credentials),
    }));
}
