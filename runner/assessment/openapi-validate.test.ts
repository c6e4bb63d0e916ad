import { describe, expect, it } from "vitest";
import { openApiProblems } from "./openapi-validate";

const valid = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: { "/health": { get: { responses: { "200": { description: "ok" } } } } },
};

describe("openApiProblems", () => {
  it("accepts a valid 3.1 document", async () => {
    expect(await openApiProblems(valid)).toEqual([]);
  });

  it("reports a response without its required description", async () => {
    const broken = structuredClone(valid);
    delete (broken.paths["/health"].get.responses["200"] as { description?: string }).description;
    expect((await openApiProblems(broken)).length).toBeGreaterThan(0);
  });
});
