// The grading contract between the web app and the runner: submission statuses, the transitions a
// row may take, the stage names and the live progress message. Both sides import these; neither
// spells a status or a stage by hand.
import { z } from "zod";

export const SUBMISSION_STATUSES = ["QUEUED", "BUILDING", "RUNNING", "GRADED", "FAILED", "ERROR"] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** Statuses of a grading still in progress: the worker may write them, the reconciler watches them. */
export const ACTIVE_STATUSES: SubmissionStatus[] = ["QUEUED", "BUILDING", "RUNNING"];
export const TERMINAL_STATUSES: SubmissionStatus[] = ["GRADED", "FAILED", "ERROR"];

export function isTerminalStatus(status: SubmissionStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/**
 * Which status may follow which. A retry or a re-enqueue returns a running grading to QUEUED; an
 * ERROR (our fault, never the candidate's) may be regraded; GRADED and FAILED are final.
 */
export const STATUS_TRANSITIONS: Record<SubmissionStatus, readonly SubmissionStatus[]> = {
  QUEUED: ["QUEUED", "BUILDING", "ERROR"],
  BUILDING: ["QUEUED", "BUILDING", "RUNNING", "GRADED", "FAILED", "ERROR"],
  RUNNING: ["QUEUED", "BUILDING", "GRADED", "FAILED", "ERROR"],
  GRADED: [],
  FAILED: [],
  ERROR: ["QUEUED"],
};

export function canTransition(from: SubmissionStatus, to: SubmissionStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** The pipeline's stages, in order; each is timed in `stageTimings`. */
export const GRADING_STAGES = ["extract", "build", "start", "ready", "tests", "cleanup"] as const;
export type GradingStage = (typeof GRADING_STAGES)[number];

/** What a progress message may name: a pipeline stage, or waiting in the queue, or finished. */
export const PROGRESS_STAGES = ["queued", ...GRADING_STAGES, "done"] as const;
export type ProgressStage = (typeof PROGRESS_STAGES)[number];

/** The stage a page shows for a row read from the database (the live channel is finer). */
export const STAGE_BY_STATUS: Record<SubmissionStatus, ProgressStage> = {
  QUEUED: "queued",
  BUILDING: "build",
  RUNNING: "tests",
  GRADED: "done",
  FAILED: "done",
  ERROR: "done",
};

/** The status a running stage puts on the row; cleanup leaves the saved status alone. */
export const STATUS_BY_STAGE: Record<GradingStage, SubmissionStatus | null> = {
  extract: "BUILDING",
  build: "BUILDING",
  start: "RUNNING",
  ready: "RUNNING",
  tests: "RUNNING",
  cleanup: null,
};

/** Published by the worker as JSON on `progressChannel(id)`. */
export const progressMessageSchema = z.object({
  status: z.enum(SUBMISSION_STATUSES),
  stage: z.enum(PROGRESS_STAGES),
  testsDone: z.number().int().min(0).nullable(),
  testsTotal: z.number().int().min(0).nullable(),
  failureReason: z.string().nullable().optional(),
});
export type ProgressMessage = z.infer<typeof progressMessageSchema>;

export function progressChannel(submissionId: string): string {
  return `submission:${submissionId}`;
}
