import { describe, expect, it } from "vitest";
import { EVIDENCE_BODY_CAP, EVIDENCE_EXCHANGES_CAP, evidenceView } from "./evidence";
import { formatDuration, stageTimings } from "./timings";

describe("evidenceView", () => {
  it("caps long bodies and many exchanges", () => {
    const exchange = {
      request: { method: "POST", url: "http://127.0.0.1:3000/tasks", headers: { "content-type": "application/json" }, body: "{}" },
      response: { status: 201, headers: {}, body: "x".repeat(EVIDENCE_BODY_CAP + 5) },
    };
    const view = evidenceView(Array.from({ length: EVIDENCE_EXCHANGES_CAP + 2 }, () => exchange));
    expect(view.exchanges).toHaveLength(EVIDENCE_EXCHANGES_CAP);
    expect(view.omitted).toBe(2);
    expect(view.exchanges[0].response!.body).toEqual({ text: "x".repeat(EVIDENCE_BODY_CAP), omitted: 5 });
    expect(view.exchanges[0].request.headers).toEqual([["content-type", "application/json"]]);
  });

  it("marks unrecognisable evidence instead of failing", () => {
    expect(evidenceView({ what: 1 })).toEqual({ exchanges: [], omitted: 0, unreadable: true });
    expect(evidenceView(null)).toEqual({ exchanges: [], omitted: 0, unreadable: false });
  });
});

describe("stageTimings", () => {
  it("orders known stages and accepts both stored shapes", () => {
    expect(stageTimings({ tests: 900, extract: 12, custom: 5, build: 300 }).map((t) => t.stage)).toEqual(["extract", "build", "tests", "custom"]);
    expect(stageTimings([{ stage: "ready", ms: 40 }])).toEqual([{ stage: "ready", ms: 40 }]);
    expect(stageTimings("nonsense")).toEqual([]);
    expect(formatDuration(950)).toBe("950 ms");
    expect(formatDuration(1500)).toBe("1.5 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
  });
});
