import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parse } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import type { ContractTest } from "../prober/contract";
import { OpenApiIndex, type OpenApiDoc } from "../prober/openapi";
import { runTests } from "../prober/run";
import { competencyCauseNotes, rootCauses, stopOf, type RootCauseInput } from "./root-causes";

// A login whose 200 response breaks the contract: tokenType must be "Bearer".
const doc = parse(`
openapi: 3.1.0
info: { title: login fixture, version: 1.0.0 }
paths:
  /auth/login:
    post:
      responses:
        "200":
          description: a token
          content:
            application/json:
              schema:
                type: object
                required: [accessToken, tokenType]
                properties: { accessToken: { type: string }, tokenType: { const: Bearer } }
  /notes:
    get:
      responses:
        "200": { description: notes, content: { application/json: { schema: { type: array } } } }
        "401": { description: no token, content: { application/problem+json: { schema: { type: object } } } }
`) as OpenApiDoc;
const index = new OpenApiIndex(doc);

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

async function wrongLoginServer(): Promise<string> {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (req.url === "/auth/login") {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ accessToken: "t", tokenType: "bearer" }));
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end("[]");
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const loginThenList = (id: string, competency: string): ContractTest => ({
  id,
  title: `${id} title`,
  competency,
  points: 2,
  visibility: id.startsWith("hidden") ? "hidden" : "public",
  async run({ http, assert }) {
    const login = await http.post("/auth/login", { email: "a@example.com", password: "pw" });
    assert.status(await http.get("/notes", { headers: { authorization: `Bearer ${login.json<{ accessToken: string }>().accessToken}` } }), 200);
  },
});

describe("rootCauses", () => {
  it("groups the tests that could not run past a wrong login response into one headline", async () => {
    const url = await wrongLoginServer();
    const tests = [
      loginThenList("notes-a", "security"),
      loginThenList("notes-b", "security"),
      loginThenList("hidden-notes-c", "security"),
      loginThenList("notes-d", "api-design"),
      { ...loginThenList("list-only", "security"), run: async ({ http, assert }) => assert.status(await http.get("/notes"), 201) } satisfies ContractTest,
    ];
    const results = await runTests(tests, { baseUrl: url, index, seed: 1 });
    const causes = rootCauses(results);
    expect(causes).toHaveLength(1);
    expect(causes[0]).toMatchObject({
      operation: "POST /auth/login",
      status: 200,
      mistake: "response-body mistake",
      headline: '4 tests could not run past POST /auth/login: its 200 response does not match the contract: /tokenType must be "Bearer"',
      pointsLost: 8,
    });
    expect(causes[0].tests.map((t) => t.id)).toEqual(["notes-a", "notes-b", "hidden-notes-c", "notes-d"]);

    const notes = competencyCauseNotes(results, causes);
    expect(notes.map((n) => [n.competency, n.note])).toEqual([["security", "3 of 4 tests failed on one response-body mistake"]]);
  });

  it("does not group a login that only set a test up: those tests pass and the finding is charged once", async () => {
    const url = await wrongLoginServer();
    const asSetup: ContractTest = {
      ...loginThenList("setup-login", "security"),
      subject: ["GET /notes"],
    };
    const results = await runTests([asSetup, { ...asSetup, id: "setup-login-2" }], { baseUrl: url, index, seed: 1 });
    expect(results.map((r) => r.outcome)).toEqual(["passed", "passed"]);
    expect(rootCauses(results)).toEqual([]);
    expect(results[0].findings?.[0]).toMatchObject({ operation: "POST /auth/login", kind: "body", failedTest: false });
  });

  it("reads stored results (message and evidence) and groups time-outs and setup failures", () => {
    const stored = (id: string, message: string, evidence: unknown): RootCauseInput => ({
      id,
      title: id,
      competency: "database-design",
      points: 1,
      earned: 0,
      outcome: "error",
      visibility: "public",
      message,
      evidence,
    });
    const timedOut = [{ request: { method: "POST", url: "/auth/login" }, operation: "POST /auth/login", note: "no response at all within 5 s" }];
    const setup = [{ request: { method: "POST", url: "/items" }, operation: "POST /items", response: { status: 500, headers: {}, body: "" } }];
    const causes = rootCauses([
      stored("a", "POST /auth/login: no response at all within 5 s", timedOut),
      stored("b", "POST /auth/login: no response at all within 5 s", timedOut),
      stored("c", "setup failed: POST /items answered 500", setup),
      stored("d", "setup failed: POST /items answered 500", setup),
      stored("e", "expected status 200, got 404; body: {\"x\":1}", setup),
    ]);
    expect(causes.map((c) => c.headline)).toEqual([
      "2 tests could not run past POST /auth/login: no response at all within 5 s",
      "2 tests failed at POST /items (500): setup failed: POST /items answered 500",
    ]);
    expect(stopOf({ message: "expected status 200, got 404; body: {\"x\":1}", evidence: setup })?.reason).toBe("expected status 200, got 404");
  });
});
