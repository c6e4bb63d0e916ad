// A client for /api/v1 that checks every response against the served OpenAPI document with the
// runner's own contract checker (runner/prober/openapi.ts), the way candidates' services are
// graded, and records which operations the tests reached.
import { expect } from "vitest";
import { openApiProblems } from "../../runner/assessment/openapi-validate";
import { OpenApiIndex, pointerOf, type OpenApiDoc } from "../../runner/prober/openapi";

export interface ApiCall {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiReply {
  status: number;
  headers: Headers;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test assertions read arbitrary fields
}

export class ContractClient {
  readonly reached = new Set<string>();

  private constructor(
    readonly baseUrl: string,
    readonly index: OpenApiIndex,
  ) {}

  static async connect(baseUrl: string): Promise<ContractClient> {
    const response = await fetch(`${baseUrl}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as OpenApiDoc;
    expect(await openApiProblems(doc)).toEqual([]);
    const index = new OpenApiIndex(doc);
    index.precompile();
    return new ContractClient(baseUrl, index);
  }

  async call(method: string, path: string, options: ApiCall = {}): Promise<ApiReply> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers["Content-Type"] ??= "application/json";
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
      redirect: "manual",
    });
    const text = await response.text();
    this.check(method, path, response, text);
    let json: unknown = null;
    if (text) json = JSON.parse(text);
    return { status: response.status, headers: response.headers, text, json };
  }

  /** Every response, errors included, must be one the document declares. */
  private check(method: string, path: string, response: Response, text: string): void {
    const pathname = path.split("?")[0];
    const match = this.index.match(method, pathname);
    if (match.kind !== "operation") {
      // Undeclared paths and methods still answer with a problem document.
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      return;
    }
    const operationId = String(match.match.operation.operationId);
    this.reached.add(operationId);
    const problems = this.index.checkResponse(match.match, { status: response.status, headers: Object.fromEntries(response.headers), text });
    expect(problems, `${method} ${path} → ${response.status}: ${text.slice(0, 300)}`).toEqual([]);
  }

  /** A webhook body must match the document's `webhooks` entry for its event. */
  checkWebhook(body: string): void {
    const parsed = JSON.parse(body) as { event: string };
    expect(Object.keys((this.index.doc.webhooks ?? {}) as object)).toContain(parsed.event);
    const pointer = pointerOf("webhooks", parsed.event, "post", "requestBody", "content", "application/json", "schema");
    expect(this.index.validateSchemaAt(pointer, parsed), body.slice(0, 300)).toBeUndefined();
  }

  operationIds(): string[] {
    const ids: string[] = [];
    for (const item of Object.values(this.index.doc.paths)) {
      for (const operation of Object.values(item)) {
        if (operation && typeof operation === "object" && "operationId" in operation) ids.push(String((operation as { operationId: string }).operationId));
      }
    }
    return ids;
  }
}
