import { describe, expect, it } from "vitest";
import { attemptsLeft, canStart, effectiveDeadline, formatRemaining, invitationStatus, uploadRefusal, type InvitationClock } from "./state";

const NOW = new Date("2030-01-10T12:00:00Z");
const base: InvitationClock = {
  deadline: new Date("2030-01-20T00:00:00Z"),
  startedAt: null,
  revokedAt: null,
  timeLimitMinutes: 120,
  attemptLimit: 3,
  attemptsUsed: 0,
};

describe("invitation clock", () => {
  it("ends at start + time limit, but never after the invite's deadline", () => {
    expect(effectiveDeadline(base)).toEqual(base.deadline);
    expect(effectiveDeadline({ ...base, startedAt: NOW }).toISOString()).toBe("2030-01-10T14:00:00.000Z");
    const late = new Date("2030-01-19T23:00:00Z");
    expect(effectiveDeadline({ ...base, startedAt: late })).toEqual(base.deadline);
  });

  it("refuses uploads before the start, after the deadline, after the last attempt and when revoked", () => {
    expect(uploadRefusal(base, NOW)).toBe("not-started");
    const started = { ...base, startedAt: NOW };
    expect(uploadRefusal(started, NOW)).toBeNull();
    expect(uploadRefusal(started, new Date("2030-01-10T14:00:00Z"))).toBe("deadline-passed");
    expect(uploadRefusal({ ...started, attemptsUsed: 3 }, NOW)).toBe("attempts-exhausted");
    expect(uploadRefusal({ ...started, revokedAt: NOW }, NOW)).toBe("revoked");
    expect(uploadRefusal(base, new Date("2030-02-01T00:00:00Z"))).toBe("deadline-passed");
    expect(attemptsLeft({ attemptLimit: 3, attemptsUsed: 5 })).toBe(0);
  });

  it("lets a candidate start once, before the deadline", () => {
    expect(canStart(base, NOW)).toEqual({ ok: true });
    expect(canStart({ ...base, startedAt: NOW }, NOW)).toEqual({ ok: false, reason: "already-started" });
    expect(canStart(base, new Date("2030-02-01T00:00:00Z"))).toEqual({ ok: false, reason: "deadline-passed" });
  });

  it("derives the recruiter-facing status", () => {
    expect(invitationStatus(base, NOW)).toBe("invited");
    expect(invitationStatus({ ...base, startedAt: NOW }, NOW)).toBe("started");
    expect(invitationStatus({ ...base, startedAt: NOW, attemptsUsed: 1 }, NOW)).toBe("submitted");
    expect(invitationStatus(base, new Date("2030-02-01T00:00:00Z"))).toBe("expired");
    expect(invitationStatus({ ...base, revokedAt: NOW, attemptsUsed: 1 }, NOW)).toBe("revoked");
  });

  it("formats the remaining time", () => {
    expect(formatRemaining(0)).toBe("time is up");
    expect(formatRemaining(30_000)).toBe("under a minute");
    expect(formatRemaining(4 * 60_000)).toBe("4 min");
    expect(formatRemaining(125 * 60_000)).toBe("2 h 05 min");
    expect(formatRemaining(26 * 3_600_000)).toBe("1 d 2 h");
  });
});
