// Finds the OpenAPI operation a request hit and checks a response against it: declared status,
// declared content type, body schema (JSON Schema 2020-12, as OpenAPI 3.1 uses) and required
// response headers. Pure: the caller supplies the parsed document and the response.
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";

export type JsonObject = Record<string, unknown>;
export type OpenApiDoc = JsonObject & { paths: Record<string, JsonObject> };

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

const DOC_ID = "urn:hirekit:openapi";

export interface Resolved<T = JsonObject> {
  value: T;
  /** JSON pointer of the value inside the document, after following $ref. */
  pointer: string;
}

export interface MatchedOperation {
  template: string;
  method: string;
  operation: JsonObject;
  pointer: string;
  pathParams: Record<string, string>;
}

export type PathMatch =
  | { kind: "operation"; match: MatchedOperation }
  | { kind: "method-not-declared"; template: string; declared: string[] }
  | { kind: "no-path" };

export interface ResponseToCheck {
  status: number;
  headers: Record<string, string>;
  text: string;
}

function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function pointerOf(...segments: string[]): string {
  return segments.map((s) => "/" + escapePointerSegment(s)).join("");
}

function readPointer(doc: unknown, pointer: string): unknown {
  if (pointer === "") return doc;
  let node: unknown = doc;
  for (const raw of pointer.slice(1).split("/")) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !(segment in node)) return undefined;
    node = (node as JsonObject)[segment];
  }
  return node;
}

function compileTemplate(template: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name) {
        names.push(name);
        return "([^/]+)";
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  return { regex: new RegExp(`^${source}$`), names };
}

/** Media type without parameters, lower-cased: "application/json; charset=utf-8" → "application/json". */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

export function isJsonMediaType(mediaType: string): boolean {
  return mediaType === "application/json" || /^[a-z]+\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

function mediaTypeMatches(declared: string, actual: string): boolean {
  const d = declared.toLowerCase();
  if (d === "*/*" || d === actual) return true;
  if (d.endsWith("/*")) return actual.startsWith(d.slice(0, -1));
  return false;
}

function describeAjvErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => {
      const where = e.instancePath || "(body)";
      if (e.keyword === "additionalProperties") {
        return `${where} has unexpected property "${(e.params as { additionalProperty: string }).additionalProperty}"`;
      }
      if (e.keyword === "const") return `${where} must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
      return `${where} ${e.message ?? "is invalid"}`;
    })
    .join("; ");
}

export class OpenApiIndex {
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: { template: string; regex: RegExp; names: string[]; literalChars: number }[];

  constructor(readonly doc: OpenApiDoc) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31 });
    this.ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
    for (const name of ["float", "double"]) this.ajv.addFormat(name, { type: "number", validate: () => true });
    this.ajv.addFormat("password", () => true);
    this.ajv.addSchema({ ...doc, $id: DOC_ID }, DOC_ID);
    // Literal segments win over templated ones ("/items/search" before "/items/{id}"), as OpenAPI requires.
    this.templates = Object.keys(doc.paths)
      .map((template) => ({
        template,
        ...compileTemplate(template),
        literalChars: template.replace(/\{[^}]+\}/g, "").length,
      }))
      .sort((a, b) => b.literalChars - a.literalChars);
  }

  /** Follows $ref chains (local refs only) and returns the target with its pointer. */
  resolve<T = JsonObject>(value: unknown, pointer: string): Resolved<T> {
    let current = value;
    let at = pointer;
    for (let hops = 0; hops < 20; hops++) {
      const ref = current && typeof current === "object" ? (current as JsonObject).$ref : undefined;
      if (typeof ref !== "string") return { value: current as T, pointer: at };
      if (!ref.startsWith("#")) throw new Error(`only local $ref is supported, found "${ref}" at ${at}`);
      at = decodeURIComponent(ref.slice(1));
      current = readPointer(this.doc, at);
      if (current === undefined) throw new Error(`$ref "${ref}" does not resolve in the OpenAPI document`);
    }
    throw new Error(`$ref chain too deep at ${pointer}`);
  }

  match(method: string, pathname: string): PathMatch {
    for (const { template, regex, names } of this.templates) {
      const found = regex.exec(pathname);
      if (!found) continue;
      const pathItem = this.resolve(this.doc.paths[template], pointerOf("paths", template));
      const lower = method.toLowerCase();
      const operation = pathItem.value[lower];
      if (!operation || typeof operation !== "object") {
        return {
          kind: "method-not-declared",
          template,
          declared: HTTP_METHODS.filter((m) => pathItem.value[m]).map((m) => m.toUpperCase()),
        };
      }
      const pathParams: Record<string, string> = {};
      names.forEach((name, i) => (pathParams[name] = decodeURIComponent(found[i + 1])));
      return {
        kind: "operation",
        match: {
          template,
          method: lower,
          operation: operation as JsonObject,
          pointer: pathItem.pointer + pointerOf(lower),
          pathParams,
        },
      };
    }
    return { kind: "no-path" };
  }

  /** Compiles every response body and header schema now, so tests do not pay for it one by one. */
  precompile(): void {
    for (const template of Object.keys(this.doc.paths)) {
      const item = this.resolve(this.doc.paths[template], pointerOf("paths", template));
      for (const method of HTTP_METHODS) {
        const operation = item.value[method] as JsonObject | undefined;
        if (!operation) continue;
        const opPointer = item.pointer + pointerOf(method);
        for (const [code, raw] of Object.entries((operation.responses ?? {}) as JsonObject)) {
          const response = this.resolve(raw, opPointer + pointerOf("responses", code));
          for (const [name, header] of Object.entries((response.value.headers ?? {}) as JsonObject)) {
            const resolved = this.resolve(header, response.pointer + pointerOf("headers", name));
            if (resolved.value.schema) this.schemaValidator(`${resolved.pointer}/schema`);
          }
          for (const [type, media] of Object.entries((response.value.content ?? {}) as JsonObject)) {
            const resolved = this.resolve(media, response.pointer + pointerOf("content", type));
            if (resolved.value.schema) this.schemaValidator(`${resolved.pointer}/schema`);
          }
        }
      }
    }
  }

  /** Compiles (once) a validator for the schema found at `pointer`. */
  schemaValidator(pointer: string): ValidateFunction {
    let validate = this.validators.get(pointer);
    if (!validate) {
      const fragment = pointer
        .split("/")
        .map((segment) => encodeURIComponent(segment))
        .join("/");
      validate = this.ajv.compile({ $ref: `${DOC_ID}#${fragment}` });
      this.validators.set(pointer, validate);
    }
    return validate;
  }

  validateSchemaAt(pointer: string, data: unknown): string | undefined {
    const validate = this.schemaValidator(pointer);
    return validate(data) ? undefined : describeAjvErrors(validate.errors);
  }

  /** Declared response for a status: exact code, then "4XX"-style range, then "default". */
  declaredResponse(match: MatchedOperation, status: number): Resolved | undefined {
    const responses = (match.operation.responses ?? {}) as JsonObject;
    const key = [String(status), `${Math.floor(status / 100)}XX`, "default"].find((k) => k in responses);
    if (!key) return undefined;
    return this.resolve(responses[key], match.pointer + pointerOf("responses", key));
  }

  declaredStatuses(match: MatchedOperation): string[] {
    return Object.keys((match.operation.responses ?? {}) as JsonObject);
  }

  /** Every way the response departs from the contract; empty when it conforms. */
  checkResponse(match: MatchedOperation, response: ResponseToCheck): string[] {
    const label = `${match.method.toUpperCase()} ${match.template}`;
    const declared = this.declaredResponse(match, response.status);
    if (!declared) {
      return [
        `status ${response.status} is not declared for ${label} (declared: ${this.declaredStatuses(match).join(", ")})`,
      ];
    }
    const problems: string[] = [];
    const headers = (declared.value.headers ?? {}) as JsonObject;
    for (const [name, raw] of Object.entries(headers)) {
      if (name.toLowerCase() === "content-type") continue;
      const header = this.resolve(raw, declared.pointer + pointerOf("headers", name));
      const actual = response.headers[name.toLowerCase()];
      if (actual === undefined) {
        if (header.value.required === true) problems.push(`response ${response.status} to ${label} lacks the required ${name} header`);
        continue;
      }
      if (header.value.schema) {
        const error = this.validateSchemaAt(header.pointer + "/schema", actual);
        if (error) problems.push(`header ${name}: ${error.replace("(body)", "value")}`);
      }
    }

    const content = declared.value.content as JsonObject | undefined;
    const actualType = mediaTypeOf(response.headers["content-type"]);
    if (!content || Object.keys(content).length === 0) {
      if (response.text.length > 0) {
        problems.push(`response ${response.status} to ${label} must have no body, got ${response.text.length} bytes`);
      }
      return problems;
    }
    const mediaKey = Object.keys(content).find((key) => mediaTypeMatches(key, actualType));
    if (!mediaKey) {
      problems.push(
        `content-type "${response.headers["content-type"] ?? "(none)"}" is not declared for ${response.status} of ${label} (declared: ${Object.keys(content).join(", ")})`,
      );
      return problems;
    }
    const media = this.resolve(content[mediaKey], declared.pointer + pointerOf("content", mediaKey));
    if (!media.value.schema || !isJsonMediaType(actualType)) return problems;
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      problems.push(`body of ${response.status} to ${label} is not valid JSON`);
      return problems;
    }
    const error = this.validateSchemaAt(media.pointer + "/schema", body);
    if (error) problems.push(`body of ${response.status} to ${label} does not match the contract: ${error}`);
    return problems;
  }
}
