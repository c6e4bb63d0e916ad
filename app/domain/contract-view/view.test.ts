import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildContractView, parseContractView, schemaNode } from "./view";

describe("buildContractView", () => {
  const doc = {
    openapi: "3.1.0",
    info: { title: "Demo", version: "1.2.0", description: "About" },
    security: [{ bearer: [] }],
    tags: [{ name: "items" }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "opaque" } },
      parameters: { ItemId: { name: "id", in: "path", schema: { type: "string", format: "uuid" } } },
      responses: { NotFound: { description: "No such item", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } } },
      schemas: {
        Problem: { type: "object", required: ["title"], properties: { title: { type: "string" }, status: { type: "integer", minimum: 100 } } },
        Item: { type: "object", properties: { name: { type: ["string", "null"], maxLength: 80 }, children: { type: "array", items: { $ref: "#/components/schemas/Item" } } } },
      },
    },
    paths: {
      "/health": { get: { security: [], responses: { "200": { description: "up" } } } },
      "/items/{id}": {
        parameters: [{ $ref: "#/components/parameters/ItemId" }],
        get: {
          tags: ["items"],
          operationId: "getItem",
          summary: "One item",
          parameters: [{ name: "expand", in: "query", schema: { enum: ["children", "owner"] } }],
          responses: { "200": { description: "The item", content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } } }, "404": { $ref: "#/components/responses/NotFound" } },
        },
        put: {
          tags: ["items"],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } } },
          responses: { "204": { description: "Saved", headers: { ETag: { schema: { type: "string" } } } } },
        },
      },
    },
  };

  it("lists operations by tag with merged parameters, bodies and inlined response references", () => {
    const view = buildContractView(doc);
    expect(view.title).toBe("Demo");
    expect(view.security).toEqual([{ name: "bearer", description: "HTTP bearer (opaque)" }]);
    expect(view.groups.map((g) => [g.tag, g.operations.map((o) => `${o.method} ${o.path}`)])).toEqual([
      ["items", ["GET /items/{id}", "PUT /items/{id}"]],
      ["Operations", ["GET /health"]],
    ]);
    const getItem = view.groups[0].operations[0];
    expect(getItem.authenticated).toBe(true);
    expect(view.groups[1].operations[0].authenticated).toBe(false);
    expect(getItem.parameters.map((p) => [p.name, p.location, p.required, p.schema.type])).toEqual([
      ["id", "path", true, "string"],
      ["expand", "query", false, "any"],
    ]);
    expect(getItem.parameters[1].schema.enumValues).toEqual(["children", "owner"]);
    expect(getItem.responses.map((r) => [r.status, r.description, r.content[0]?.schema?.ref])).toEqual([
      ["200", "The item", "Item"],
      ["404", "No such item", "Problem"],
    ]);
    const put = view.groups[0].operations[1];
    expect(put.requestBody).toMatchObject({ required: true, content: [{ contentType: "application/json", schema: { ref: "Item" } }] });
    expect(put.responses[0].headers).toEqual([{ name: "ETag", description: undefined, schema: expect.objectContaining({ type: "string" }) }]);
  });

  it("describes named schemas without following recursive references", () => {
    const item = buildContractView(doc).schemas.find((s) => s.name === "Item")!.schema;
    expect(item.properties!.map((p) => [p.name, p.schema.type, p.schema.constraints])).toEqual([
      ["name", "string or null", ["at most 80 characters"]],
      ["children", "array of Item", []],
    ]);
    expect(schemaNode({ oneOf: [{ type: "string" }, { type: "integer" }] }).type).toBe("one of");
    expect(schemaNode({ const: "ok" })).toMatchObject({ type: "constant", enumValues: ["ok"] });
  });

  it("renders the real assessment contracts", () => {
    const view = parseContractView(readFileSync("assessments/intermediate-projects-api/openapi.yaml", "utf8"));
    const operations = view.groups.flatMap((g) => g.operations);
    expect(operations.length).toBeGreaterThan(5);
    expect(operations.find((o) => o.path === "/health")?.authenticated).toBe(false);
    expect(view.schemas.map((s) => s.name)).toContain("Project");
  });
});
