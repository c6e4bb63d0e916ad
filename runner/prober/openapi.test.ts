import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { OpenApiIndex, type MatchedOperation, type OpenApiDoc } from "./openapi";

const doc = parse(readFileSync(new URL("./fixtures/tiny/openapi.yaml", import.meta.url), "utf8")) as OpenApiDoc;
doc.paths["/notes/search"] = { get: { responses: { "200": { description: "search" }, "4XX": { description: "any client error" } } } };
const index = new OpenApiIndex(doc);

function operation(method: string, path: string): MatchedOperation {
  const found = index.match(method, path);
  if (found.kind !== "operation") throw new Error(`no operation for ${method} ${path}: ${found.kind}`);
  return found.match;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", ...headers },
  text: JSON.stringify(body),
});
const note = { id: "6b1e2a43-7c11-4a8e-9a3c-0d4f5e6a7b8c", title: "a", priority: "low" };

describe("OpenApiIndex.match", () => {
  it("matches templates, decodes path parameters and prefers literal paths", () => {
    expect(operation("GET", "/notes/abc%20d").pathParams).toEqual({ id: "abc d" });
    expect(operation("get", "/notes/search").template).toBe("/notes/search");
    expect(operation("DELETE", "/notes/1").template).toBe("/notes/{id}");
  });

  it("tells an undeclared method from an unknown path", () => {
    expect(index.match("PUT", "/notes/1")).toEqual({ kind: "method-not-declared", template: "/notes/{id}", declared: ["GET", "DELETE"] });
    expect(index.match("GET", "/nope")).toEqual({ kind: "no-path" });
    expect(index.match("GET", "/notes/1/extra")).toEqual({ kind: "no-path" });
  });
});

describe("OpenApiIndex.checkResponse", () => {
  it("accepts a conforming response, following $ref through allOf", () => {
    expect(index.checkResponse(operation("GET", `/notes/${note.id}`), json(200, note))).toEqual([]);
    expect(index.checkResponse(operation("GET", "/notes"), json(200, { items: [note] }))).toEqual([]);
  });

  it("reports an undeclared status with the declared ones", () => {
    expect(index.checkResponse(operation("GET", "/notes/1"), json(500, {}))).toEqual([
      "status 500 is not declared for GET /notes/{id} (declared: 200, 404)",
    ]);
  });

  it("accepts range and default responses", () => {
    const search = operation("GET", "/notes/search");
    expect(index.checkResponse(search, { status: 418, headers: {}, text: "" })).toEqual([]);
  });

  it("reports a content type the contract does not declare", () => {
    const problems = index.checkResponse(operation("GET", "/notes/1"), {
      status: 404,
      headers: { "content-type": "text/plain" },
      text: "not found",
    });
    expect(problems[0]).toMatch(/content-type "text\/plain" is not declared for 404 of GET \/notes\/\{id\} \(declared: application\/problem\+json\)/);
  });

  it("reports body schema violations with the instance path", () => {
    const problems = index.checkResponse(operation("GET", "/notes"), json(200, { items: [{ ...note, priority: "urgent" }], total: 1 }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("does not match the contract");
    expect(problems[0]).toContain('(body) has unexpected property "total"');
    expect(problems[0]).toContain("/items/0/priority must be equal to one of the allowed values");
  });

  it("checks formats", () => {
    const problems = index.checkResponse(operation("GET", "/notes/1"), json(200, { ...note, id: "not-a-uuid" }));
    expect(problems[0]).toContain('/id must match format "uuid"');
  });

  it("reports a body that is not JSON", () => {
    const problems = index.checkResponse(operation("GET", "/notes/1"), { status: 200, headers: { "content-type": "application/json" }, text: "{" });
    expect(problems).toEqual(["body of 200 to GET /notes/{id} is not valid JSON"]);
  });

  it("requires declared required headers and checks their schema", () => {
    const post = operation("POST", "/notes");
    expect(index.checkResponse(post, json(201, note))).toEqual(["response 201 to POST /notes lacks the required Location header"]);
    expect(index.checkResponse(post, json(201, note, { location: "/elsewhere/1" }))[0]).toMatch(/^header Location: value must match pattern/);
    expect(index.checkResponse(post, json(201, note, { location: `/notes/${note.id}` }))).toEqual([]);
  });

  it("refuses a body where the contract declares none", () => {
    const del = operation("DELETE", "/notes/1");
    expect(index.checkResponse(del, { status: 204, headers: {}, text: "" })).toEqual([]);
    expect(index.checkResponse(del, json(204, { ok: true }))[0]).toMatch(/must have no body/);
  });
});
