import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parse } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { startTinyServer, type TinyDefect, type TinyServer } from "./fixtures/tiny/server";
import { deriveNegativeChecks, negativeCheckTests } from "./negative";
import { OpenApiIndex, type OpenApiDoc } from "./openapi";
import { runTests } from "./run";

const doc = parse(readFileSync(new URL("./fixtures/tiny/openapi.yaml", import.meta.url), "utf8")) as OpenApiDoc;
const index = new OpenApiIndex(doc);
const options = { count: 100, pointsEach: 1, competency: "api-design", visibility: "hidden" as const };

let server: TinyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function runAll(defects: TinyDefect[], seed = 1) {
  server = await startTinyServer(defects);
  const results = await runTests(negativeCheckTests(index, options), { baseUrl: server.url, index, seed });
  return { results, requests: server.requests };
}

describe("deriveNegativeChecks", () => {
  it("derives one check per required field, typed field, enum, query parameter, missing method and credential", () => {
    expect(deriveNegativeChecks(index).map((c) => c.id)).toEqual([
      "negative:bad-query:GET:/notes:limit",
      "negative:bad-query:GET:/notes:priority",
      "negative:missing-field:POST:/notes:title",
      "negative:missing-field:POST:/notes:priority",
      "negative:wrong-type:POST:/notes:title",
      "negative:wrong-type:POST:/notes:priority",
      "negative:bad-enum:POST:/notes:priority",
      "negative:wrong-type:POST:/notes:pinned",
      "negative:no-credentials:GET:/secret",
      "negative:bad-credentials:GET:/secret",
      "negative:unsupported-method:POST:/health",
      "negative:unsupported-method:PUT:/health",
      "negative:unsupported-method:PATCH:/health",
      "negative:unsupported-method:DELETE:/health",
      "negative:unsupported-method:PUT:/notes",
      "negative:unsupported-method:PATCH:/notes",
      "negative:unsupported-method:DELETE:/notes",
      "negative:unsupported-method:POST:/notes/{id}",
      "negative:unsupported-method:PUT:/notes/{id}",
      "negative:unsupported-method:PATCH:/notes/{id}",
      "negative:unsupported-method:POST:/secret",
      "negative:unsupported-method:PUT:/secret",
      "negative:unsupported-method:PATCH:/secret",
      "negative:unsupported-method:DELETE:/secret",
    ]);
  });

  it("expects the validation statuses the operation declares", () => {
    const missing = deriveNegativeChecks(index).find((c) => c.id === "negative:missing-field:POST:/notes:title");
    expect(missing?.expected).toEqual([400]);
    expect(deriveNegativeChecks(index).find((c) => c.kind === "unsupported-method")?.expected).toEqual([405]);
  });

  it("has no opt-out marker: contracts candidates read carry nothing about the grader", () => {
    const marked = structuredClone(doc);
    (marked.paths["/notes"].post as Record<string, unknown>)["x-negative-checks"] = false;
    expect(deriveNegativeChecks(new OpenApiIndex(marked)).map((c) => c.id)).toEqual(deriveNegativeChecks(index).map((c) => c.id));
  });
});

describe("negativeCheckTests", () => {
  it("samples the same checks for every submission of one contract, another sample for another contract, with the configured points", () => {
    const pick = (contract: OpenApiIndex) => negativeCheckTests(contract, { ...options, count: 5 }).map((t) => t.id);
    expect(pick(index)).toEqual(pick(new OpenApiIndex(structuredClone(doc))));
    expect(pick(index)).toHaveLength(5);
    const revisions = [1, 2, 3, 4].map((n) => {
      const revised = structuredClone(doc);
      revised.info = { ...(revised.info as object), version: `1.0.${n}` };
      return pick(new OpenApiIndex(revised));
    });
    expect(revisions.some((ids) => ids.join() !== pick(index).join())).toBe(true);
    const [first] = negativeCheckTests(index, { ...options, count: 1, pointsEach: 2.5, visibility: "public" });
    expect(first).toMatchObject({ points: 2.5, competency: "api-design", visibility: "public" });
  });

  it("all pass against a service that keeps the contract", async () => {
    const { results } = await runAll([]);
    expect(results.filter((r) => r.outcome !== "passed").map((r) => `${r.id}: ${r.message}`)).toEqual([]);
    expect(results).toHaveLength(24);
  });

  it("sends the same requests for the same seed", async () => {
    const first = (await runAll([], 9)).requests.sort();
    await server?.close();
    const second = (await runAll([], 9)).requests.sort();
    expect(second).toEqual(first);
    expect(first.some((line) => line.startsWith("POST /notes {"))).toBe(true);
  });

  it("catches a service that accepts invalid bodies", async () => {
    const { results } = await runAll(["accepts-bad-input"]);
    const failed = results.filter((r) => r.outcome === "failed").map((r) => r.id);
    expect(failed).toEqual(expect.arrayContaining(["negative:missing-field:POST:/notes:title", "negative:wrong-type:POST:/notes:pinned", "negative:bad-enum:POST:/notes:priority"]));
    const message = results.find((r) => r.id === "negative:missing-field:POST:/notes:title")?.message;
    expect(message).toMatch(/expected status 400, got 201/);
  });

  it("catches a service that ignores credentials", async () => {
    const { results } = await runAll(["ignores-token"]);
    const failed = results.filter((r) => r.outcome === "failed").map((r) => r.id);
    expect(failed.sort()).toEqual(["negative:bad-credentials:GET:/secret", "negative:no-credentials:GET:/secret"]);
  });

  it("catches a 405 without the Allow header", async () => {
    const { results } = await runAll(["no-allow-header"]);
    const failed = results.filter((r) => r.outcome === "failed");
    expect(failed).toHaveLength(14);
    expect(failed[0].message).toBe("expected a Allow header, the response has none");
  });
});

describe("negative checks on secured operations", () => {
  const securedDoc = parse(`
openapi: 3.1.0
info: { title: secured, version: 1.0.0 }
x-unsupported-method-status: 405
paths:
  /vault:
    post:
      security: [{ bearer: [] }]
      requestBody:
        required: true
        content:
          application/json:
            schema: { type: object, required: [title], properties: { title: { type: string, minLength: 1 } } }
      responses:
        "201": { description: stored, content: { application/json: { schema: { type: object } } } }
        "400": { description: invalid, content: { application/problem+json: { schema: { type: object } } } }
        "401": { description: no credentials, content: { application/problem+json: { schema: { type: object } } } }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
`) as OpenApiDoc;
  const securedIndex = new OpenApiIndex(securedDoc);
  let vault: Server | undefined;
  afterEach(async () => {
    vault?.closeAllConnections();
    await new Promise((resolve) => (vault ? vault.close(resolve) : resolve(undefined)));
    vault = undefined;
  });

  it("derives body checks of a secured operation only with a credential provider", () => {
    expect(deriveNegativeChecks(securedIndex).map((c) => c.kind)).not.toContain("missing-field");
    expect(deriveNegativeChecks(securedIndex, true).map((c) => c.id)).toContain("negative:missing-field:POST:/vault:title");
  });

  it("sends valid credentials, so a service that authenticates first still shows its validation and method handling", async () => {
        const seen: (string | undefined)[] = [];
    vault = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk));
      req.on("end", () => {
        seen.push(req.headers.authorization);
        const problem = (status: number) => {
          res.writeHead(status, { "content-type": "application/problem+json" });
          res.end(JSON.stringify({ status }));
        };
        if (req.headers.authorization !== "Bearer right") return problem(401);
        if (req.method !== "POST") {
          res.writeHead(405, { allow: "POST", "content-type": "application/problem+json" });
          return res.end(JSON.stringify({ status: 405 }));
        }
        const parsed = JSON.parse(body) as { title?: unknown };
        if (typeof parsed.title !== "string" || parsed.title.length === 0) return problem(400);
        res.writeHead(201, { "content-type": "application/json" });
        res.end("{}");
      });
    });
    await new Promise<void>((resolve) => vault!.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(vault.address() as AddressInfo).port}`;
    let provided = 0;
    const credentials = async () => {
      provided++;
      return { authorization: "Bearer right" };
    };
    const checks = negativeCheckTests(securedIndex, { ...options, credentials });
    const results = await runTests(checks, { baseUrl: url, index: securedIndex, seed: 1 });
    const validation = results.filter((r) => /missing-field|wrong-type/.test(r.id));
    expect(validation.length).toBeGreaterThan(0);
    expect(validation.every((r) => r.outcome === "passed")).toBe(true);
    expect(results.filter((r) => r.id.includes("credentials")).every((r) => r.outcome === "passed")).toBe(true);
    const methods = results.filter((r) => r.id.startsWith("negative:unsupported-method:"));
    expect(methods.map((r) => `${r.id}: ${r.outcome} ${r.message ?? ""}`.trim())).toEqual(methods.map((r) => `${r.id}: passed`));
    expect(methods.length).toBeGreaterThan(0);
    expect(provided).toBe(validation.length + methods.length);
    expect(seen.filter((a) => a === "Bearer right")).toHaveLength(validation.length + methods.length);
  });

  it("accepts a 401 to an unsupported method on a secured path when there are no credentials to send", () => {
    const methods = deriveNegativeChecks(securedIndex).filter((c) => c.kind === "unsupported-method");
    expect(methods.length).toBeGreaterThan(0);
    for (const check of methods) expect(check.expected).toEqual([405, 401]);
    for (const check of deriveNegativeChecks(securedIndex, true).filter((c) => c.kind === "unsupported-method")) expect(check.expected).toEqual([405]);
  });
});
