// A submission that ends ERROR failed on our side (Docker, the database, the grader), never
// because of the candidate: it does not use up an attempt, it stops the candidate's clock until
// it is regraded, and its internal cause (socket paths, stack traces) is for staff only.
import type { SubmissionStatus } from "../../../runner/contract/submission";

export const CANDIDATE_ERROR_MESSAGE =
  "Grading stopped because of a problem on our side, not in your solution. It does not count as an attempt, and your clock is paused until it has been graded again.";

type Status = SubmissionStatus;

/** What a candidate may read about why grading stopped: their own mistake (FAILED) in full, ours never. */
export function candidateFailureReason(status: Status, failureReason: string | null): string | null {
  if (status === "ERROR") return CANDIDATE_ERROR_MESSAGE;
  if (status === "FAILED") return failureReason;
  return null;
}

export function countsAsAttempt(status: Status): boolean {
  return status !== "ERROR";
}

export function chargedAttempts(submissions: readonly { status: Status }[]): number {
  return submissions.filter((submission) => countsAsAttempt(submission.status)).length;
}

export interface Pause {
  startedAt: Date;
  endedAt: Date | null;
}

/**
 * How far the candidate's deadline moves because of pauses. Overlapping pauses count once; a
 * pause still open runs until `now`, so while it lasts the time left stands still. A pause that
 * begins after the (already extended) deadline changes nothing: the candidate's time was up.
 */
export function clockExtensionMs(baseDeadline: Date, startedAt: Date | null, pauses: readonly Pause[], now: Date): number {
  if (!startedAt) return 0;
  const intervals = pauses
    .map((pause) => [Math.max(pause.startedAt.getTime(), startedAt.getTime()), (pause.endedAt ?? now).getTime()] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  let deadline = baseDeadline.getTime();
  let covered = -Infinity;
  for (const [start, end] of intervals) {
    const from = Math.max(start, covered);
    if (end <= from) continue;
    if (from >= deadline) break;
    deadline += end - from;
    covered = end;
  }
  return deadline - baseDeadline.getTime();
}
