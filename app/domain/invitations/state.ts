// What a candidate may do right now, derived from the invitation, its assessment's limits and the
// attempts already made. The upload action and the landing page both ask here, so the page never
// offers what the server would refuse.

export interface InvitationClock {
  deadline: Date;
  startedAt: Date | null;
  revokedAt: Date | null;
  timeLimitMinutes: number;
  attemptLimit: number;
  attemptsUsed: number;
  /** How far pauses (submissions in ERROR, see grading-faults.ts) move the deadline. */
  pausedMs?: number;
}

export type UploadRefusal = "revoked" | "not-started" | "deadline-passed" | "attempts-exhausted";

export type InvitationStatus = "invited" | "started" | "submitted" | "expired" | "revoked";

/** The clock never runs beyond the invite's deadline, whatever the time limit, except for the time it was paused. */
export function effectiveDeadline(clock: Pick<InvitationClock, "deadline" | "startedAt" | "timeLimitMinutes" | "pausedMs">): Date {
  if (!clock.startedAt) return clock.deadline;
  const limit = new Date(clock.startedAt.getTime() + clock.timeLimitMinutes * 60_000);
  const base = limit < clock.deadline ? limit : clock.deadline;
  return new Date(base.getTime() + (clock.pausedMs ?? 0));
}

export function attemptsLeft(clock: Pick<InvitationClock, "attemptLimit" | "attemptsUsed">): number {
  return Math.max(0, clock.attemptLimit - clock.attemptsUsed);
}

export function canStart(clock: InvitationClock, now: Date): { ok: true } | { ok: false; reason: "revoked" | "deadline-passed" | "already-started" } {
  if (clock.revokedAt) return { ok: false, reason: "revoked" };
  if (clock.startedAt) return { ok: false, reason: "already-started" };
  if (clock.deadline <= now) return { ok: false, reason: "deadline-passed" };
  return { ok: true };
}

export function uploadRefusal(clock: InvitationClock, now: Date): UploadRefusal | null {
  if (clock.revokedAt) return "revoked";
  if (!clock.startedAt) return clock.deadline <= now ? "deadline-passed" : "not-started";
  if (effectiveDeadline(clock) <= now) return "deadline-passed";
  if (attemptsLeft(clock) === 0) return "attempts-exhausted";
  return null;
}

export const UPLOAD_REFUSAL_MESSAGES: Record<UploadRefusal, string> = {
  revoked: "This invitation has been withdrawn, so no more uploads are accepted.",
  "not-started": "Start the assessment first: the upload opens once the clock is running.",
  "deadline-passed": "The deadline has passed, so no more uploads are accepted.",
  "attempts-exhausted": "You have used all your attempts, so no more uploads are accepted.",
};

export function invitationStatus(clock: InvitationClock, now: Date): InvitationStatus {
  if (clock.revokedAt) return "revoked";
  if (clock.attemptsUsed > 0) return "submitted";
  if (effectiveDeadline(clock) <= now) return "expired";
  return clock.startedAt ? "started" : "invited";
}

export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = {
  invited: "Invited",
  started: "Started",
  submitted: "Submitted",
  expired: "Expired",
  revoked: "Revoked",
};

/** "2 h 05 min", "4 min", "under a minute": the countdown's server-rendered text. */
export function formatRemaining(ms: number): string {
  if (ms <= 0) return "time is up";
  const totalMinutes = Math.floor(ms / 60_000);
  if (totalMinutes < 1) return "under a minute";
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, "0")} min`;
  return `${minutes} min`;
}

export const STATUS_FILTERS = ["invited", "started", "submitted", "expired", "revoked"] as const satisfies readonly InvitationStatus[];

export const INVITATIONS_PAGE_SIZE = 50;
