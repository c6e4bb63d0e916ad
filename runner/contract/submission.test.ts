import { describe, expect, it } from "vitest";
import {
  ACTIVE_STATUSES,
  canTransition,
  GRADING_STAGES,
  PROGRESS_STAGES,
  progressMessageSchema,
  STAGE_BY_STATUS,
  STATUS_BY_STAGE,
  SUBMISSION_STATUSES,
  TERMINAL_STATUSES,
} from "./submission";

describe("the submission contract", () => {
  it("splits every status into in progress or final", () => {
    expect([...ACTIVE_STATUSES, ...TERMINAL_STATUSES].sort()).toEqual([...SUBMISSION_STATUSES].sort());
  });

  it("lets a grading return to the queue and an ERROR be regraded, never a result", () => {
    for (const status of ACTIVE_STATUSES) expect(canTransition(status, "QUEUED"), status).toBe(true);
    expect(canTransition("ERROR", "QUEUED")).toBe(true);
    expect(canTransition("GRADED", "QUEUED")).toBe(false);
    expect(canTransition("FAILED", "RUNNING")).toBe(false);
    expect(canTransition("QUEUED", "GRADED")).toBe(false);
  });

  it("names stages one way for the row, the live channel and the timings", () => {
    expect(PROGRESS_STAGES).toEqual(["queued", ...GRADING_STAGES, "done"]);
    for (const stage of Object.values(STAGE_BY_STATUS)) expect(PROGRESS_STAGES).toContain(stage);
    expect(Object.keys(STATUS_BY_STAGE)).toEqual([...GRADING_STAGES]);
  });

  it("parses the worker's progress message and refuses a misspelt stage", () => {
    const message = { status: "RUNNING", stage: "tests", testsDone: 3, testsTotal: 12 };
    expect(progressMessageSchema.parse(message)).toEqual(message);
    expect(progressMessageSchema.safeParse({ ...message, stage: "test" }).success).toBe(false);
  });
});
