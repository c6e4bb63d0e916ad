import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, page } from "./cursor";
import { partnerStatus } from "./partner";
import { submissionResource } from "./resources";
import { hasScope } from "./scopes";

describe("cursors", () => {
  it("round-trip a position and refuse anything else", () => {
    const position = { createdAt: new Date("2026-12-01T04:00:00.123Z"), id: "b" };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    expect(decodeCursor("garbage")).toBeNull();
    expect(decodeCursor(Buffer.from('["not a date","x"]').toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from('{"a":1}').toString("base64url"))).toBeNull();
  });

  it("give a next cursor only when a row beyond the page exists", () => {
    const rows = [3, 2, 1].map((n) => ({ createdAt: new Date(n * 1000), id: String(n) }));
    const first = page(rows, 2);
    expect(first.items.map((row) => row.id)).toEqual(["3", "2"]);
    expect(decodeCursor(first.nextCursor!)).toEqual({ createdAt: new Date(2000), id: "2" });
    expect(page(rows, 3).nextCursor).toBeNull();
  });
});

describe("partner status", () => {
  it.each([
    ["invited", null, "pending"],
    ["started", null, "in_progress"],
    ["submitted", "RUNNING", "in_progress"],
    ["submitted", "GRADED", "complete"],
    ["submitted", "FAILED", "complete"],
    ["started", "ERROR", "in_progress"],
    ["expired", null, "expired"],
    ["revoked", "GRADED", "cancelled"],
  ] as const)("%s with counted attempt %s is %s", (invitation, latest, expected) => {
    expect(partnerStatus(invitation, latest)).toBe(expected);
  });
});

describe("the submission resource", () => {
  it("counts public and hidden tests without naming hidden ones, and lists competency scores", () => {
    const resource = submissionResource(
      {
        id: "s1",
        invitationId: "i1",
        attempt: 2,
        status: "GRADED",
        failureReason: null,
        overallScore: 0.5,
        competencyScores: { "api-design": { earned: 1, possible: 2, score: 0.5 }, broken: "nope" },
        createdAt: new Date("2026-12-01T00:00:00Z"),
        startedAt: null,
        finishedAt: new Date("2026-12-01T00:01:00Z"),
        testResults: [
          { visibility: "PUBLIC", outcome: "PASSED" },
          { visibility: "HIDDEN", outcome: "FAILED" },
          { visibility: "HIDDEN", outcome: "PASSED" },
        ],
      },
      "https://hire.example/",
    );
    expect(resource).toMatchObject({
      status: "graded",
      competencyScores: [{ competencyId: "api-design", score: 0.5, earned: 1, possible: 2 }],
      tests: { public: { total: 1, passed: 1 }, hidden: { total: 2, passed: 1 } },
      reportUrl: "https://hire.example/scorecards/i1",
      finishedAt: "2026-12-01T00:01:00.000Z",
    });
  });
});

describe("scopes", () => {
  it("are exact", () => {
    expect(hasScope(["read"], "read")).toBe(true);
    expect(hasScope(["read"], "invitations:write")).toBe(false);
  });
});
