import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import type { ContractTest } from "./contract";
import { startTinyServer, type TinyDefect, type TinyServer } from "./fixtures/tiny/server";
import { OpenApiIndex, type OpenApiDoc } from "./openapi";
import { planUnits, runOneTest, runTests } from "./run";

const doc = parse(readFileSync(new URL("./fixtures/tiny/openapi.yaml", import.meta.url), "utf8")) as OpenApiDoc;
const index = new OpenApiIndex(doc);

let server: TinyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const test = (id: string, run: ContractTest["run"], extra: Partial<ContractTest> = {}): ContractTest => ({
  id,
  title: id,
  competency: "api-design",
  points: 2,
  visibility: "public",
  run,
  ...extra,
});

const createNote = test("create", async ({ http, assert, unique }) => {
  const response = await http.post("/notes", { title: unique("n"), priority: "high" });
  assert.status(response, 201);
});

async function runOne(defects: TinyDefect[], contractTest: ContractTest) {
  server = await startTinyServer(defects);
  return runOneTest(contractTest, { baseUrl: server.url, index, seed: 1 });
}

describe("runOneTest", () => {
  it("passes and records request and response evidence", async () => {
    const result = await runOne([], createNote);
    expect(result).toMatchObject({ id: "create", outcome: "passed", earned: 2, points: 2 });
    expect(result.evidence).toHaveLength(1);
    const [exchange] = result.evidence;
    expect(exchange.request).toMatchObject({ method: "POST", url: "/notes", headers: { "content-type": "application/json" } });
    expect(JSON.parse(exchange.request.body!)).toMatchObject({ priority: "high" });
    expect(exchange.response?.status).toBe(201);
    expect(exchange.response?.headers.location).toMatch(/^\/notes\//);
  });

  it("keeps a long test's first and latest exchanges, so the one where it stopped is in its evidence", async () => {
    const result = await runOne(
      [],
      test("long", async ({ http, assert }) => {
        for (let i = 0; i < 25; i++) await http.get(`/notes?page=${i}`);
        assert.status(await http.get("/notes/does-not-exist"), 200);
      }),
    );
    expect(result.outcome).toBe("failed");
    const urls = result.evidence.map((exchange) => exchange.request.url);
    expect(urls).toHaveLength(20);
    expect(urls.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => `/notes?page=${i}`));
    expect(urls.slice(10, 19)).toEqual(Array.from({ length: 9 }, (_, i) => `/notes?page=${16 + i}`));
    expect(urls.at(-1)).toBe("/notes/does-not-exist");
  });

  it("records a missing required header as a finding and leaves the verdict to the test's own assertions", async () => {
    const result = await runOne(["no-location"], createNote);
    expect(result).toMatchObject({ outcome: "passed", earned: 2 });
    expect(result.findings).toEqual([expect.objectContaining({ kind: "header", failedTest: false })]);
    expect(result.evidence[0]).toMatchObject({ response: { status: 201 }, violation: "response 201 to POST /notes lacks the required Location header" });
  });

  it("fails on a body that breaks the contract even when the test's own assertions would pass", async () => {
    const result = await runOne(["extra-field"], test("list", async ({ http, assert }) => assert.status(await http.get("/notes"), 200)));
    expect(result).toMatchObject({ outcome: "failed", earned: 0 });
    expect(result.message).toMatch(/^contract: body of 200 to GET \/notes does not match the contract/);
  });

  it("fails an error response whose content type is off-contract", async () => {
    const result = await runOne(
      ["text-error"],
      test("missing", async ({ http, assert }) => assert.status(await http.get("/notes/00000000-0000-4000-8000-000000000000"), 404)),
    );
    expect(result.message).toMatch(/^contract: content-type "text\/plain" is not declared for 404/);
  });

  it("fails a body with fields the schema does not allow", async () => {
    const result = await runOne(["extra-field"], test("list", async ({ http }) => void (await http.get("/notes"))));
    expect(result.message).toContain('has unexpected property "total"');
  });

  it("skips the contract check when a test asks for it", async () => {
    const result = await runOne(
      [],
      test("off-contract", async ({ http, assert }) => assert.status(await http.get("/nowhere", { skipContractCheck: true }), 404)),
    );
    expect(result.outcome).toBe("passed");
  });

  it("reports an unknown path as off-contract", async () => {
    const result = await runOne([], test("unknown", async ({ http }) => void (await http.get("/nowhere"))));
    expect(result.message).toBe("contract: GET /nowhere is not an operation of the contract");
  });

  it("ends a hanging request with an error after its timeout", async () => {
    const result = await runOne(
      ["hangs-on-list"],
      test("hang", async ({ http }) => void (await http.get("/notes", { timeoutMs: 300 }))),
    );
    expect(result).toMatchObject({ outcome: "error", earned: 0, message: "GET /notes: no response at all within 300 ms" });
  });

  it("ends a test that outlives its own timeout", async () => {
    const result = await runOne(
      ["hangs-on-list"],
      test("slow", async ({ http }) => void (await http.get("/notes", { timeoutMs: 5000 })), { timeoutMs: 200 }),
    );
    expect(result).toMatchObject({ outcome: "error", message: "test did not finish within 200 ms" });
  });

  it("gives a fraction of the points for a measured outcome", async () => {
    const result = await runOne([], test("measured", async () => ({ fraction: 0.25, detail: "p95 180 ms" }), { points: 4 }));
    expect(result).toMatchObject({ outcome: "passed", earned: 1, message: "p95 180 ms" });
  });

  it("marks a test bug as an error with its message", async () => {
    const result = await runOne(
      [],
      test("buggy", async () => {
        JSON.stringify((undefined as unknown as { x: number }).x);
      }),
    );
    expect(result.outcome).toBe("error");
    expect(result.message).toMatch(/^test raised TypeError/);
  });

  it("reports a refused connection as an error", async () => {
    server = await startTinyServer();
    const url = server.url;
    await server.close();
    server = undefined;
    const result = await runOneTest(createNote, { baseUrl: url, index, seed: 1 });
    expect(result.outcome).toBe("error");
    expect(result.message).toBe("POST /notes: the connection was refused: the request was never delivered");
    expect(result.evidence[0].note).toBe("the connection was refused: the request was never delivered");
  });
});

describe("runTests", () => {
  it("groups sequences into one unit in declaration order", () => {
    const tests = [test("a", async () => {}, { sequence: "s" }), test("b", async () => {}), test("c", async () => {}, { sequence: "s" })];
    expect(planUnits(tests).map((unit) => unit.map((t) => t.id))).toEqual([["a", "c"], ["b"]]);
  });

  it("runs a sequence in order with shared state, others concurrently, and returns declaration order", async () => {
    server = await startTinyServer();
    const order: string[] = [];
    let active = 0;
    let maxActive = 0;
    const slow = (id: string) =>
      test(id, async ({ http }) => {
        active++;
        maxActive = Math.max(maxActive, active);
        await http.get("/health");
        await new Promise((resolve) => setTimeout(resolve, 30));
        active--;
      });
    const tests: ContractTest[] = [
      test(
        "step-1",
        async ({ http, state }) => {
          order.push("step-1");
          const created = await http.post("/notes", { title: "seq", priority: "low" });
          state.location = created.headers.location;
        },
        { sequence: "life" },
      ),
      ...["p1", "p2", "p3", "p4", "p5", "p6"].map(slow),
      test(
        "step-2",
        async ({ http, assert, state }) => {
          order.push("step-2");
          assert.status(await http.get(state.location as string), 200);
        },
        { sequence: "life" },
      ),
    ];
    const seen: string[] = [];
    const results = await runTests(tests, { baseUrl: server.url, index, seed: 1, concurrency: 3, onResult: (r) => seen.push(r.id) });
    expect(results.map((r) => r.id)).toEqual(tests.map((t) => t.id));
    expect(results.every((r) => r.outcome === "passed")).toBe(true);
    expect(order).toEqual(["step-1", "step-2"]);
    expect(seen.sort()).toEqual(tests.map((t) => t.id).sort());
    expect(maxActive).toBeLessThanOrEqual(3);
    expect(maxActive).toBeGreaterThan(1);
  });
});
