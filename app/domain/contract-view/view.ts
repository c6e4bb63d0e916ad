// Turns an OpenAPI 3.1 document into a view model a candidate can read: operations grouped by
// tag, their parameters, request bodies and responses, and the named schemas. References to
// components/schemas stay references (rendered as links to the schema's section), so recursive
// schemas cannot loop; other references (parameters, responses, headers) are inlined.
import { parse as parseYaml } from "yaml";

export interface SchemaProperty {
  name: string;
  required: boolean;
  schema: SchemaNode;
}

export interface SchemaNode {
  /** "object", "string", "array of Task", "integer or null", "one of"… */
  type: string;
  /** Name of a components/schemas entry this node points at. */
  ref?: string;
  format?: string;
  description?: string;
  enumValues?: string[];
  constraints: string[];
  properties?: SchemaProperty[];
  additionalProperties?: SchemaNode;
  items?: SchemaNode;
  variants?: { kind: "one of" | "any of" | "all of"; options: SchemaNode[] };
  example?: string;
}

export interface ParameterView {
  name: string;
  location: string;
  required: boolean;
  description?: string;
  schema: SchemaNode;
}

export interface MediaView {
  contentType: string;
  schema: SchemaNode | null;
}

export interface ResponseView {
  status: string;
  description: string;
  headers: { name: string; description?: string; schema: SchemaNode | null }[];
  content: MediaView[];
}

export interface OperationView {
  id: string;
  method: string;
  path: string;
  summary?: string;
  description?: string;
  authenticated: boolean;
  parameters: ParameterView[];
  requestBody: { required: boolean; description?: string; content: MediaView[] } | null;
  responses: ResponseView[];
}

export interface ContractView {
  title: string;
  version: string;
  summary?: string;
  description?: string;
  servers: string[];
  security: { name: string; description: string }[];
  groups: { tag: string; operations: OperationView[] }[];
  schemas: { name: string; schema: SchemaNode }[];
}

type Json = Record<string, unknown>;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const MAX_DEPTH = 8;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

class Resolver {
  constructor(private readonly doc: Json) {}

  /** Follows local references (#/a/b) that are not schemas; a missing target yields {}. */
  deref(value: unknown, seen = new Set<string>()): Json {
    if (!isObject(value)) return {};
    const ref = str(value.$ref);
    if (!ref) return value;
    if (seen.has(ref) || !ref.startsWith("#/")) return {};
    seen.add(ref);
    let target: unknown = this.doc;
    for (const part of ref.slice(2).split("/")) {
      const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
      target = isObject(target) ? target[key] : undefined;
    }
    return this.deref(target, seen);
  }
}

function literal(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function schemaConstraints(schema: Json): string[] {
  const out: string[] = [];
  const pairs: [string, string][] = [
    ["minLength", "at least {} characters"],
    ["maxLength", "at most {} characters"],
    ["minimum", "≥ {}"],
    ["maximum", "≤ {}"],
    ["exclusiveMinimum", "> {}"],
    ["exclusiveMaximum", "< {}"],
    ["minItems", "at least {} items"],
    ["maxItems", "at most {} items"],
    ["pattern", "matches {}"],
    ["multipleOf", "multiple of {}"],
  ];
  for (const [key, template] of pairs) {
    if (schema[key] !== undefined) out.push(template.replace("{}", literal(schema[key])));
  }
  if (schema.uniqueItems === true) out.push("unique items");
  if (schema.default !== undefined) out.push(`default ${literal(schema.default)}`);
  if (schema.readOnly === true) out.push("read-only");
  if (schema.writeOnly === true) out.push("write-only");
  if (schema.deprecated === true) out.push("deprecated");
  return out;
}

function schemaRefName(value: Json): string | undefined {
  const ref = str(value.$ref);
  return ref?.startsWith("#/components/schemas/") ? ref.slice("#/components/schemas/".length) : undefined;
}

export function schemaNode(value: unknown, depth = 0): SchemaNode {
  if (value === true || value === undefined) return { type: "any", constraints: [] };
  if (!isObject(value)) return { type: "any", constraints: [] };
  const refName = schemaRefName(value);
  if (refName) return { type: refName, ref: refName, constraints: [], description: str(value.description) };
  if (depth > MAX_DEPTH) return { type: "…", constraints: [] };

  const node: SchemaNode = { type: "any", constraints: schemaConstraints(value), description: str(value.description), format: str(value.format) };
  if (value.const !== undefined) {
    node.type = "constant";
    node.enumValues = [literal(value.const)];
  }
  if (Array.isArray(value.enum)) node.enumValues = value.enum.map(literal);
  if (value.example !== undefined) node.example = literal(value.example);
  else if (Array.isArray(value.examples) && value.examples.length > 0) node.example = literal(value.examples[0]);

  const types = Array.isArray(value.type) ? value.type.map(String) : str(value.type) ? [String(value.type)] : [];
  const nonNull = types.filter((t) => t !== "null");
  if (isObject(value.items)) node.items = schemaNode(value.items, depth + 1);
  if (isObject(value.properties)) {
    const required = new Set(Array.isArray(value.required) ? value.required.map(String) : []);
    node.properties = Object.entries(value.properties).map(([name, prop]) => ({ name, required: required.has(name), schema: schemaNode(prop, depth + 1) }));
  }
  if (isObject(value.additionalProperties)) node.additionalProperties = schemaNode(value.additionalProperties, depth + 1);
  for (const [key, kind] of [["oneOf", "one of"], ["anyOf", "any of"], ["allOf", "all of"]] as const) {
    if (Array.isArray(value[key])) node.variants = { kind, options: (value[key] as unknown[]).map((option) => schemaNode(option, depth + 1)) };
  }

  let label = nonNull.join(" or ") || (node.properties ? "object" : node.items ? "array" : node.variants ? node.variants.kind : node.type);
  if (label === "array" && node.items) label = `array of ${node.items.ref ?? node.items.type}`;
  if (types.includes("null") || value.nullable === true) label = `${label} or null`;
  node.type = label;
  return node;
}

function mediaViews(content: unknown): MediaView[] {
  if (!isObject(content)) return [];
  return Object.entries(content).map(([contentType, media]) => ({
    contentType,
    schema: isObject(media) && media.schema !== undefined ? schemaNode(media.schema) : null,
  }));
}

function parameterViews(resolver: Resolver, list: unknown): ParameterView[] {
  if (!Array.isArray(list)) return [];
  return list.map((raw) => {
    const p = resolver.deref(raw);
    return {
      name: String(p.name ?? "?"),
      location: String(p.in ?? "?"),
      required: p.required === true || p.in === "path",
      description: str(p.description),
      schema: schemaNode(p.schema),
    };
  });
}

function responseViews(resolver: Resolver, responses: unknown): ResponseView[] {
  if (!isObject(responses)) return [];
  return Object.entries(responses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, raw]) => {
      const response = resolver.deref(raw);
      const headers = isObject(response.headers)
        ? Object.entries(response.headers).map(([name, headerRaw]) => {
            const header = resolver.deref(headerRaw);
            return { name, description: str(header.description), schema: header.schema !== undefined ? schemaNode(header.schema) : null };
          })
        : [];
      return { status, description: str(response.description) ?? "", headers, content: mediaViews(response.content) };
    });
}

/** Merges path-level and operation-level parameters; the operation's win on (name, in). */
function mergeParameters(pathLevel: ParameterView[], opLevel: ParameterView[]): ParameterView[] {
  const key = (p: ParameterView) => `${p.location}:${p.name}`;
  const overridden = new Set(opLevel.map(key));
  return [...pathLevel.filter((p) => !overridden.has(key(p))), ...opLevel];
}

export function buildContractView(document: unknown): ContractView {
  if (!isObject(document)) throw new Error("the OpenAPI document is not an object");
  const resolver = new Resolver(document);
  const info = isObject(document.info) ? document.info : {};
  const globalSecurity = Array.isArray(document.security) && document.security.length > 0;
  const components = isObject(document.components) ? document.components : {};
  const securitySchemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const byTag = new Map<string, OperationView[]>();
  const paths = isObject(document.paths) ? document.paths : {};

  for (const [pathName, rawItem] of Object.entries(paths)) {
    const item = resolver.deref(rawItem);
    const pathParameters = parameterViews(resolver, item.parameters);
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const body = op.requestBody !== undefined ? resolver.deref(op.requestBody) : null;
      const security = Array.isArray(op.security) ? op.security.length > 0 : globalSecurity;
      const view: OperationView = {
        id: str(op.operationId) ?? `${method}-${pathName}`,
        method: method.toUpperCase(),
        path: pathName,
        summary: str(op.summary),
        description: str(op.description),
        authenticated: security,
        parameters: mergeParameters(pathParameters, parameterViews(resolver, op.parameters)),
        requestBody: body ? { required: body.required === true, description: str(body.description), content: mediaViews(body.content) } : null,
        responses: responseViews(resolver, op.responses),
      };
      const tag = Array.isArray(op.tags) && typeof op.tags[0] === "string" ? op.tags[0] : "Operations";
      byTag.set(tag, [...(byTag.get(tag) ?? []), view]);
    }
  }

  const declaredTags = Array.isArray(document.tags) ? document.tags.map((t) => (isObject(t) ? String(t.name) : "")).filter(Boolean) : [];
  const tagOrder = [...declaredTags, ...[...byTag.keys()].filter((t) => !declaredTags.includes(t))];
  const schemas = isObject(components.schemas) ? components.schemas : {};

  return {
    title: str(info.title) ?? "API",
    version: str(info.version) ?? "",
    summary: str(info.summary),
    description: str(info.description),
    servers: Array.isArray(document.servers) ? document.servers.map((s) => (isObject(s) ? String(s.url ?? "") : "")).filter(Boolean) : [],
    security: Object.entries(securitySchemes).map(([name, raw]) => {
      const scheme = resolver.deref(raw);
      const kind = scheme.type === "http" ? `HTTP ${String(scheme.scheme ?? "")}${scheme.bearerFormat ? ` (${String(scheme.bearerFormat)})` : ""}` : String(scheme.type ?? "");
      return { name, description: [kind.trim(), str(scheme.description)].filter(Boolean).join(" — ") };
    }),
    groups: tagOrder.filter((tag) => byTag.has(tag)).map((tag) => ({ tag, operations: byTag.get(tag)! })),
    schemas: Object.entries(schemas).map(([name, schema]) => ({ name, schema: schemaNode(schema) })),
  };
}

export function parseContractView(openapiText: string): ContractView {
  return buildContractView(parseYaml(openapiText));
}
