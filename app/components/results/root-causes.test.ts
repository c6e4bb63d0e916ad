import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { evidenceView } from "~/domain/scorecard/evidence";
import type { TestRow } from "~/lib/scorecard.server";
import { TestEvidence } from "~/components/scorecard/test-evidence";
import { RootCauses, rootCauseView, type StoredResult } from "./root-causes";

// Stored results of a submission whose login response is wrong (tokenType "bearer").
const loginExchange = [
  {
    request: { method: "POST", url: "/auth/login", headers: {} },
    response: { status: 200, headers: { "content-type": "application/json" }, body: '{"accessToken":"t","tokenType":"bearer"}' },
    operation: "POST /auth/login",
    violation: 'body of 200 to POST /auth/login does not match the contract: /tokenType must be "Bearer"',
  },
];
const failed = (testId: string, visibility: "PUBLIC" | "HIDDEN", competencyId = "security"): StoredResult => ({
  testId,
  title: `title of ${testId}`,
  competencyId,
  points: 2,
  visibility,
  outcome: "FAILED",
  message: 'contract: body of 200 to POST /auth/login does not match the contract: /tokenType must be "Bearer"',
  evidence: loginExchange,
});
const results: StoredResult[] = [
  failed("login-a", "PUBLIC"),
  failed("login-b", "HIDDEN"),
  failed("login-c", "HIDDEN"),
  { ...failed("other", "PUBLIC"), outcome: "PASSED", message: null },
];

describe("root causes on the results pages", () => {
  it("leads the reviewer's scorecard with one headline naming every test", () => {
    const view = rootCauseView(results, "reviewer", () => "Application security");
    expect(view.causes).toHaveLength(1);
    expect(view.causes[0].headline).toBe('3 tests could not run past POST /auth/login: its 200 response does not match the contract: /tokenType must be "Bearer"');
    expect(view.causes[0].tests.map((t) => [t.id, t.hidden])).toEqual([
      ["login-a", false],
      ["login-b", true],
      ["login-c", true],
    ]);
    expect(view.notes).toEqual(["Application security: 25 % — 3 of 4 tests failed on one response-body mistake"]);
    const html = renderToStaticMarkup(createElement(RootCauses, { view }));
    expect(html).toContain("could not run past POST /auth/login");
    expect(html).toContain("title of login-b");
  });

  it("shows a candidate the cause with hidden tests counted, never named", () => {
    const view = rootCauseView(results, "candidate");
    const html = renderToStaticMarkup(createElement(RootCauses, { view, headingLevel: 3 }));
    expect(html).toContain("<h3");
    expect(html).toContain("title of login-a");
    expect(html).not.toContain("login-b");
    expect(html).toContain("and 2 hidden tests");
  });

  it("keeps a cause made of hidden tests only away from the candidate", () => {
    const hiddenOnly = [failed("h1", "HIDDEN"), failed("h2", "HIDDEN")];
    expect(rootCauseView(hiddenOnly, "candidate").causes).toEqual([]);
    expect(renderToStaticMarkup(createElement(RootCauses, { view: rootCauseView(hiddenOnly, "candidate") }))).toBe("");
  });
});

describe("truthful evidence on the scorecard", () => {
  const row = (evidence: unknown): TestRow =>
    ({
      testId: "t",
      title: "t",
      competencyId: "security",
      competencyName: "Security",
      points: 1,
      earned: 0,
      visibility: "PUBLIC",
      outcome: "ERROR",
      message: "POST /items: the connection was refused: the request was never delivered",
      durationMs: 3,
      evidence: evidenceView(evidence),
    }) as unknown as TestRow;

  it("says a request was never delivered instead of 'No response was received'", () => {
    const html = renderToStaticMarkup(
      createElement(TestEvidence, {
        test: row([{ request: { method: "POST", url: "/items", headers: {} }, note: "the connection was refused: the request was never delivered" }]),
      }),
    );
    expect(html).toContain("the connection was refused: the request was never delivered");
    expect(html).not.toContain("No response was received");
  });

  it("shows what arrived of a response whose body did not finish, and marks setup exchanges", () => {
    const html = renderToStaticMarkup(
      createElement(TestEvidence, {
        test: row([
          {
            request: { method: "GET", url: "/items", headers: {} },
            response: { status: 200, headers: { "content-type": "application/json" }, body: "" },
            note: "status 200 and headers arrived, the body did not finish within 5 s",
            role: "setup",
          },
        ]),
      }),
    );
    expect(html).toContain("Response: 200");
    expect(html).toContain("status 200 and headers arrived, the body did not finish within 5 s");
    expect(html).toContain(">setup<");
  });
});
