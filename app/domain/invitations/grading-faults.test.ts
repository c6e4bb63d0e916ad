import { describe, expect, it } from "vitest";
import { CANDIDATE_ERROR_MESSAGE, candidateFailureReason, chargedAttempts, clockExtensionMs } from "./grading-faults";

const at = (minute: number) => new Date(Date.UTC(2030, 0, 10, 12, minute));
const MIN = 60_000;

describe("candidateFailureReason", () => {
  it("replaces the internal cause of an ERROR with a fixed message and keeps the candidate's own FAILED reason", () => {
    expect(candidateFailureReason("ERROR", "grading failed on our side after 4 attempts: connect ENOENT /var/run/docker.sock")).toBe(CANDIDATE_ERROR_MESSAGE);
    expect(candidateFailureReason("ERROR", null)).toBe(CANDIDATE_ERROR_MESSAGE);
    expect(candidateFailureReason("FAILED", "build failed: npm ci exited with code 1")).toBe("build failed: npm ci exited with code 1");
    expect(candidateFailureReason("GRADED", "stale")).toBeNull();
    expect(CANDIDATE_ERROR_MESSAGE).not.toMatch(/docker|sock|ENOENT|attempts:/i);
  });
});

describe("chargedAttempts", () => {
  it("counts every submission except those that failed on our side", () => {
    expect(chargedAttempts([{ status: "GRADED" }, { status: "ERROR" }, { status: "FAILED" }, { status: "QUEUED" }, { status: "ERROR" }])).toBe(3);
    expect(chargedAttempts([])).toBe(0);
  });
});

describe("clockExtensionMs", () => {
  const base = at(60);
  const started = at(0);

  it("adds a closed pause's length, and an open pause's length so far", () => {
    expect(clockExtensionMs(base, started, [{ startedAt: at(10), endedAt: at(25) }], at(30))).toBe(15 * MIN);
    expect(clockExtensionMs(base, started, [{ startedAt: at(10), endedAt: null }], at(14))).toBe(4 * MIN);
  });

  it("keeps the time left constant while a pause is open", () => {
    const pauses = [{ startedAt: at(50), endedAt: null }];
    const left = (now: Date) => base.getTime() + clockExtensionMs(base, started, pauses, now) - now.getTime();
    expect(left(at(51))).toBe(10 * MIN);
    expect(left(at(90))).toBe(10 * MIN);
  });

  it("counts overlapping pauses (two uploads failing in the same outage) once", () => {
    const pauses = [
      { startedAt: at(10), endedAt: at(20) },
      { startedAt: at(15), endedAt: at(30) },
      { startedAt: at(16), endedAt: at(18) },
    ];
    expect(clockExtensionMs(base, started, pauses, at(40))).toBe(20 * MIN);
  });

  it("ignores pauses after the deadline, and the part of a pause before the clock started", () => {
    expect(clockExtensionMs(base, started, [{ startedAt: at(70), endedAt: at(80) }], at(90))).toBe(0);
    // A pause starting before the deadline extends it, and a later pause inside the extension counts too.
    const chained = [
      { startedAt: at(55), endedAt: at(65) },
      { startedAt: at(68), endedAt: at(70) },
    ];
    expect(clockExtensionMs(base, started, chained, at(90))).toBe(12 * MIN);
    expect(clockExtensionMs(base, at(5), [{ startedAt: at(0), endedAt: at(10) }], at(20))).toBe(5 * MIN);
    expect(clockExtensionMs(base, null, [{ startedAt: at(0), endedAt: at(10) }], at(20))).toBe(0);
  });
});
