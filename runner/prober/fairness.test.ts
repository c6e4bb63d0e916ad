// One mistake, one finding: setup exchanges do not fail the tests they prepare, violations are
// charged once (conformance items), evidence says what really happened, and an early 413 on a
// large body is an answer, not a crash.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parse } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { conformanceResults, contractOperations } from "./conformance";
import type { ContractTest, TestResult } from "./contract";
import { startTinyServer, type TinyServer } from "./fixtures/tiny/server";
import { OpenApiIndex, type OpenApiDoc } from "./openapi";
import { runOneTest, runTests } from "./run";

const doc = parse(readFileSync(new URL("./fixtures/tiny/openapi.yaml", import.meta.url), "utf8")) as OpenApiDoc;
const index = new OpenApiIndex(doc);
const CONFORMANCE = { enabled: true, pointsEach: 0.5, competency: "api-design", visibility: "public" as const };

let tiny: TinyServer | undefined;
let raw: Server | undefined;
afterEach(async () => {
  await tiny?.close();
  tiny = undefined;
  if (raw) {
    raw.closeAllConnections();
    await new Promise((resolve) => raw!.close(resolve));
    raw = undefined;
  }
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

/** Creates a note as setup, then reads it back: the test is about GET /notes/{id}. */
const readBack = test(
  "read-back",
  async ({ http, assert, unique }) => {
    const created = await http.post("/notes", { title: unique("n"), priority: "low" });
    const id = created.json<{ id: string }>().id;
    assert.status(await http.get(`/notes/${id}`), 200);
  },
  { subject: ["GET /notes/{id}"] },
);

const createNote = test("create", async ({ http, assert, unique }) => {
  const response = await http.post("/notes", { title: unique("n"), priority: "high" }, { setup: false });
  assert.status(response, 201);
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  raw = createServer(handler);
  await new Promise<void>((resolve) => raw!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
}

describe("setup is not the subject", () => {
  it("passes a test whose own assertions hold when only a setup exchange broke the contract", async () => {
    tiny = await startTinyServer(["no-location"]);
    const result = await runOneTest(readBack, { baseUrl: tiny.url, index, seed: 1 });
    expect(result).toMatchObject({ outcome: "passed", earned: 2 });
    expect(result.findings).toEqual([
      { operation: "POST /notes", kind: "header", message: "response 201 to POST /notes lacks the required Location header", failedTest: false },
    ]);
    expect(result.evidence[0]).toMatchObject({ operation: "POST /notes", role: "setup", violation: expect.stringContaining("Location") });
  });

  it("the per-request setup flag works without a declared subject", async () => {
    tiny = await startTinyServer(["no-location"]);
    const result = await runOneTest(
      test("flagged", async ({ http, unique }) => void (await http.post("/notes", { title: unique("n"), priority: "low" }, { setup: true }))),
      { baseUrl: tiny.url, index, seed: 1 },
    );
    expect(result.outcome).toBe("passed");
    expect(result.findings?.[0].failedTest).toBe(false);
  });

  it("fails the test about an operation on a body violation, and does not charge it again", async () => {
    tiny = await startTinyServer(["extra-field"]);
    const listTest = test("list", async ({ http, assert }) => assert.status(await http.get("/notes"), 200));
    const listAsSetup = test("list-setup", async ({ http, assert }) => assert.status(await http.get("/notes", { setup: true }), 200));
    const results = await runTests([listTest, listAsSetup], {
      baseUrl: tiny.url,
      index,
      seed: 1,
      conformance: { operations: contractOperations(doc), config: CONFORMANCE },
    });
    const byId = new Map(results.map((r) => [r.id, r]));
    expect(byId.get("list")).toMatchObject({ outcome: "failed", stoppedAt: { operation: "GET /notes", kind: "contract", status: 200 } });
    expect(byId.get("list-setup")?.outcome).toBe("passed");
    expect(byId.get("contract:GET:/notes")).toMatchObject({ outcome: "passed", earned: 0.5 });
  });

  it("charges a header slip once, to the operation's conformance item, naming the tests that saw it", async () => {
    tiny = await startTinyServer(["no-location"]);
    const results = await runTests([createNote, readBack, { ...readBack, id: "read-back-2" }], {
      baseUrl: tiny.url,
      index,
      seed: 1,
      conformance: { operations: contractOperations(doc), config: CONFORMANCE },
    });
    const item = results.find((r) => r.id === "contract:POST:/notes")!;
    expect(item).toMatchObject({ outcome: "failed", earned: 0, points: 0.5, competency: "api-design" });
    expect(item.message).toBe(
      "contract: response 201 to POST /notes lacks the required Location header (seen by 3 tests: create, read-back, read-back-2)",
    );
    const failed = results.filter((r) => r.outcome === "failed" && !r.message?.startsWith("no test reached"));
    expect(failed.map((r) => r.id)).toEqual(["contract:POST:/notes"]);
  });

  it("judges an error answered as application/json by its status and body, and charges the media type once", async () => {
    tiny = await startTinyServer(["json-error"]);
    const missing = test("missing", async ({ http, assert }) => {
      const response = await http.get("/notes/00000000-0000-4000-8000-000000000000");
      assert.status(response, 404);
      assert.equal(response.json<{ status: number }>().status, 404);
    });
    const results = await runTests([missing, { ...missing, id: "missing-2" }], {
      baseUrl: tiny.url,
      index,
      seed: 1,
      conformance: { operations: contractOperations(doc), config: CONFORMANCE },
    });
    expect(results.slice(0, 2).map((r) => r.outcome)).toEqual(["passed", "passed"]);
    expect(results[0].findings).toEqual([expect.objectContaining({ operation: "GET /notes/{id}", kind: "content-type", failedTest: false })]);
    expect(results.find((r) => r.id === "contract:GET:/notes/{id}")).toMatchObject({ outcome: "failed", earned: 0 });
  });

  it("judges a create answered 200 instead of 201 by the test's own assertions, and charges it once", async () => {
    const url = await listen((req, res) => {
      req.resume();
      req.on("end", () => {
        const id = "00000000-0000-4000-8000-000000000001";
        res.writeHead(200, { "content-type": "application/json", location: `/notes/${id}` });
        res.end(JSON.stringify({ id, title: "t", priority: "low" }));
      });
    });
    const usesCreate = test("uses-create", async ({ http, assert }) => {
      const created = await http.post("/notes", { title: "t", priority: "low" });
      assert.equal(created.json<{ title: string }>().title, "t");
    });
    const results = await runTests([usesCreate, createNote], {
      baseUrl: url,
      index,
      seed: 1,
      conformance: { operations: contractOperations(doc), config: CONFORMANCE },
    });
    expect(results[0]).toMatchObject({ outcome: "passed", findings: [expect.objectContaining({ kind: "status", failedTest: false })] });
    expect(results[1]).toMatchObject({ outcome: "failed", message: 'expected status 201, got 200; body: "{\\"id\\":\\"00000000-0000-4000-8000-000000000001\\",\\"title\\":\\"t\\",\\"priority\\":\\"low\\"}"' });
    // create failed at POST /notes: the status slip is paid for there, not again by the item.
    expect(results.find((r) => r.id === "contract:POST:/notes")).toMatchObject({ outcome: "passed" });
  });

  it("still fails on a body that is not JSON under a JSON-less media type", async () => {
    tiny = await startTinyServer(["text-error"]);
    const result = await runOneTest(
      test("missing", async ({ http, assert }) => assert.status(await http.get("/notes/00000000-0000-4000-8000-000000000000"), 404)),
      { baseUrl: tiny.url, index, seed: 1 },
    );
    expect(result).toMatchObject({ outcome: "failed", stoppedAt: { kind: "contract", operation: "GET /notes/{id}" } });
  });

  it("scores every submission out of the same conformance points, and an unreached operation earns nothing", () => {
    const operations = contractOperations(doc);
    expect(operations).toEqual(["GET /health", "GET /notes", "POST /notes", "GET /notes/{id}", "DELETE /notes/{id}", "GET /secret"]);
    const items = conformanceResults(operations, [], CONFORMANCE);
    expect(items).toHaveLength(6);
    expect(items.every((i) => i.earned === 0 && i.message?.startsWith("no test reached"))).toBe(true);
    expect(conformanceResults(operations, [], CONFORMANCE, true)).toEqual([]);
  });
});

describe("truthful evidence", () => {
  it("says the headers arrived but the body did not finish", async () => {
    const url = await listen((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"items": [');
    });
    const result = await runOneTest(
      test("slow-body", async ({ http }) => void (await http.get("/notes", { timeoutMs: 300 }))),
      { baseUrl: url, index, seed: 1 },
    );
    expect(result.message).toBe("GET /notes: status 200 and headers arrived, the body did not finish within 300 ms");
    expect(result.evidence[0]).toMatchObject({ response: { status: 200 }, note: "status 200 and headers arrived, the body did not finish within 300 ms" });
    expect(result.stoppedAt).toMatchObject({ operation: "GET /notes", kind: "request" });
  });

  it("marks a request still waiting when the test's own limit ran out", async () => {
    const url = await listen(() => undefined);
    const result = await runOneTest(
      test("stuck", async ({ http }) => void (await http.get("/notes", { timeoutMs: 5000 })), { timeoutMs: 200 }),
      { baseUrl: url, index, seed: 1 },
    );
    expect(result.message).toBe("test did not finish within 200 ms");
    expect(result.evidence[0].response).toBeUndefined();
    expect(result.evidence[0].note).toBe("no response yet when the test stopped (test did not finish within 200 ms)");
  });

  it("uses the assessment's request time-out by default", async () => {
    const url = await listen(() => undefined);
    const result = await runOneTest(test("hang", async ({ http }) => void (await http.get("/notes"))), {
      baseUrl: url,
      index,
      seed: 1,
      requestTimeoutMs: 250,
    });
    expect(result.message).toBe("GET /notes: no response at all within 250 ms");
  });
});

describe("a large body answered early", () => {
  it("reads a 413 sent while the 2 MiB body is still on its way, and the connection closed", async () => {
    let received = 0;
    const url = await listen((req, res) => {
      req.once("data", (chunk: Buffer) => {
        received += chunk.byteLength;
        res.writeHead(413, { "content-type": "application/problem+json", connection: "close" });
        res.end(JSON.stringify({ type: "about:blank", title: "too large", status: 413 }), () => req.socket.destroy());
      });
    });
    const big = test("huge", async ({ http, assert }) => {
      const response = await http.post("/notes", undefined, {
        body: `{"title": "${"y".repeat(2 * 1024 * 1024)}"}`,
        headers: { "content-type": "application/json" },
        skipContractCheck: true,
        timeoutMs: 10_000,
      });
      assert.status(response, 413);
      assert.equal(response.json<{ status: number }>().status, 413);
    });
    for (let i = 0; i < 5; i++) {
      const result: TestResult = await runOneTest(big, { baseUrl: url, index, seed: i });
      expect(result.message).toBeUndefined();
      expect(result.outcome).toBe("passed");
    }
    expect(received).toBeGreaterThan(0);
  });
});
