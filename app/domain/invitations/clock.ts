// One invitation's clock, the same wherever it is read: the candidate's page and upload, the staff
// list and detail page, the API and its webhooks. Extra minutes (an accommodation) lengthen the
// time limit; pauses (gradings that ended ERROR) move the end; the invite deadline still caps it.
import { clockExtensionMs, type Pause } from "./grading-faults";
import { effectiveDeadline, type InvitationClock } from "./state";

export interface ClockInvitation {
  deadline: Date;
  startedAt: Date | null;
  revokedAt: Date | null;
  extraMinutes: number;
  assessment: { timeLimitMinutes: number; attemptLimit: number };
  clockPauses: readonly Pause[];
}

/** `used`: the attempts charged so far (see chargedAttempts). */
export function clockOf(invitation: ClockInvitation, used: number, now = new Date()): InvitationClock {
  const unpaused = { deadline: invitation.deadline, startedAt: invitation.startedAt, timeLimitMinutes: invitation.assessment.timeLimitMinutes + invitation.extraMinutes };
  return {
    ...unpaused,
    revokedAt: invitation.revokedAt,
    attemptLimit: invitation.assessment.attemptLimit,
    attemptsUsed: used,
    pausedMs: clockExtensionMs(effectiveDeadline(unpaused), invitation.startedAt, invitation.clockPauses, now),
  };
}
