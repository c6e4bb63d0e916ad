import { describe, expect, it } from "vitest";
import { curlCommand, feedbackByCompetency, summarize, type ResultRow } from "./results";

const row = (overrides: Partial<ResultRow>): ResultRow => ({
  testId: "t",
  title: "T",
  competencyId: "api-design",
  points: 1,
  visibility: "PUBLIC",
  outcome: "PASSED",
  message: null,
  evidence: [],
  ...overrides,
});

describe("curlCommand", () => {
  it("rewrites the host to localhost:<port>, keeps path and query, quotes for the shell, drops transport headers", () => {
    const command = curlCommand(
      {
        method: "post",
        url: "http://127.0.0.1:41234/projects?limit=2",
        headers: { "content-type": "application/json", Host: "127.0.0.1:41234", "content-length": "20", authorization: "Bearer a'b" },
        body: '{"name":"it\'s"}',
      },
      3000,
    );
    expect(command).toBe(
      `curl -i -X POST 'http://localhost:3000/projects?limit=2' -H 'content-type: application/json' -H 'authorization: Bearer a'\\''b' --data-raw '{"name":"it'\\''s"}'`,
    );
  });
});

describe("feedbackByCompetency", () => {
  it("shows public tests with failures and curl, and hidden tests only as counts", () => {
    const groups = feedbackByCompetency(
      [
        row({ testId: "p1", title: "Lists projects" }),
        row({
          testId: "p2",
          title: "Rejects bad JSON",
          outcome: "FAILED",
          message: "expected 400, got 500",
          evidence: [{ request: { method: "POST", url: "http://10.0.0.2:3000/projects", headers: {}, body: "{" } }],
        }),
        row({ testId: "secret-1", title: "Secret title", visibility: "HIDDEN", outcome: "FAILED", message: "secret message" }),
        row({ testId: "secret-2", title: "Another secret", visibility: "HIDDEN", competencyId: "auth" }),
      ],
      8080,
    );
    expect(groups.map((g) => g.competencyId)).toEqual(["api-design", "auth"]);
    expect(groups[0].publicTests).toEqual([
      { testId: "p1", title: "Lists projects", passed: true, message: null, curl: [] },
      { testId: "p2", title: "Rejects bad JSON", passed: false, message: "expected 400, got 500", curl: ["curl -i -X POST 'http://localhost:8080/projects' --data-raw '{'"] },
    ]);
    expect(groups[0].hidden).toEqual({ total: 1, passed: 0 });
    expect(groups[1]).toEqual({ competencyId: "auth", publicTests: [], hidden: { total: 1, passed: 1 } });
    expect(JSON.stringify(groups)).not.toMatch(/secret/i);
    expect(summarize(groups)).toEqual({ publicPassed: 1, publicTotal: 2, hiddenPassed: 1, hiddenTotal: 2 });
  });

  it("tolerates evidence that is missing or malformed", () => {
    const [group] = feedbackByCompetency([row({ outcome: "ERROR", evidence: { nope: true } }), row({ testId: "x", outcome: "FAILED", evidence: null })], 3000);
    expect(group.publicTests.map((t) => t.curl)).toEqual([[], []]);
  });
});
