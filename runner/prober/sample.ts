// Builds a value that satisfies a JSON Schema (the subset contracts use), so a derived negative
// check can break exactly one thing in an otherwise valid request.
import type { JsonObject, OpenApiIndex } from "./openapi";

export interface SampleContext {
  index: OpenApiIndex;
  random: () => number;
  unique: (prefix: string) => string;
}

/** Thrown when a schema has a constraint the sampler cannot satisfy (e.g. a pattern with no example). */
export class CannotSample extends Error {}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)];
}

function sampleString(schema: JsonObject, ctx: SampleContext, name: string): string {
  const format = schema.format;
  if (format === "email") return `${ctx.unique(name || "user")}@example.com`;
  if (format === "uuid") {
    const hex = () => Math.floor(ctx.random() * 16).toString(16);
    const block = (n: number) => Array.from({ length: n }, hex).join("");
    return `${block(8)}-${block(4)}-4${block(3)}-a${block(3)}-${block(12)}`;
  }
  if (format === "date-time") return "2024-05-17T09:30:00Z";
  if (format === "date") return "2024-05-17";
  if (format === "uri" || format === "url") return `https://example.com/${ctx.unique(name || "r")}`;
  if (typeof schema.pattern === "string") throw new CannotSample(`pattern ${schema.pattern} on "${name}" has no example`);
  const min = typeof schema.minLength === "number" ? schema.minLength : 1;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Math.max(min, 24);
  let text = ctx.unique(name || "s");
  while (text.length < min) text += "x";
  return text.slice(0, max);
}

function sampleNumber(schema: JsonObject, integer: boolean): number {
  const lower =
    typeof schema.minimum === "number"
      ? schema.minimum
      : typeof schema.exclusiveMinimum === "number"
        ? schema.exclusiveMinimum + (integer ? 1 : 0.5)
        : 1;
  const upper = typeof schema.maximum === "number" ? schema.maximum : Number.POSITIVE_INFINITY;
  const value = Math.min(Math.max(lower, 1), upper);
  return integer ? Math.ceil(value) : value;
}

export function sampleValue(schemaIn: unknown, pointer: string, ctx: SampleContext, name = "", depth = 0): unknown {
  if (depth > 8) throw new CannotSample(`schema at ${pointer} nests too deeply`);
  const { value: schema, pointer: at } = ctx.index.resolve(schemaIn, pointer);
  if (!schema || typeof schema !== "object") return null;
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ("example" in schema) return schema.example;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return pick(schema.enum, ctx.random);
  if (Array.isArray(schema.allOf)) {
    const { allOf, ...own } = schema;
    const parts = (allOf as unknown[]).map((part, i) => sampleValue(part, `${at}/allOf/${i}`, ctx, name, depth + 1));
    const ownValue = own.properties || own.required ? sampleValue(own, at, ctx, name, depth + 1) : undefined;
    return Object.assign({}, ...parts, ownValue);
  }
  for (const key of ["oneOf", "anyOf"] as const) {
    if (Array.isArray(schema[key])) return sampleValue((schema[key] as unknown[])[0], `${at}/${key}/0`, ctx, name, depth + 1);
  }
  const types = Array.isArray(schema.type) ? schema.type.filter((t) => t !== "null") : [schema.type];
  const type = types[0] ?? (schema.properties ? "object" : undefined);
  switch (type) {
    case "object": {
      const properties = (schema.properties ?? {}) as JsonObject;
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      const out: JsonObject = {};
      for (const key of required) {
        out[key] = sampleValue(properties[key] ?? {}, `${at}/properties/${key}`, ctx, key, depth + 1);
      }
      return out;
    }
    case "array": {
      const minItems = typeof schema.minItems === "number" ? schema.minItems : 0;
      return Array.from({ length: minItems }, () => sampleValue(schema.items ?? {}, `${at}/items`, ctx, name, depth + 1));
    }
    case "string":
      return sampleString(schema, ctx, name);
    case "integer":
      return sampleNumber(schema, true);
    case "number":
      return sampleNumber(schema, false);
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return "sample";
  }
}

/** A value of a different JSON type than the schema allows, or undefined when every type is allowed. */
export function wrongTypeValue(schema: JsonObject): unknown {
  const types = new Set(Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);
  if (types.size === 0) return undefined;
  const candidates: [string, unknown][] = [
    ["string", 12345],
    ["integer", "not-a-number"],
    ["number", "not-a-number"],
    ["boolean", "yes"],
    ["array", { not: "an array" }],
    ["object", "not-an-object"],
  ];
  for (const [type, value] of candidates) {
    if (!types.has(type)) continue;
    const valueType = Array.isArray(value) ? "array" : value === null ? "null" : typeof value === "object" ? "object" : typeof value;
    const allowed =
      types.has(valueType) || (valueType === "number" && (types.has("integer") || types.has("number")));
    if (!allowed) return value;
  }
  return undefined;
}
