import type { InvitationStatus } from "../invitations/state";

// Greenhouse's assessment-partner statuses from ours: "complete" only once a score exists (or the
// candidate's grading ended without one), so the ATS fetches the result exactly when there is one.
// A grading that ended ERROR failed on our side: it is regraded and the candidate may upload again,
// so the test is still in progress.
export type PartnerStatus = "pending" | "in_progress" | "complete" | "expired" | "cancelled";

/** `countedSubmission`: the status of the attempt that counts (countedAttempt), if any. */
export function partnerStatus(invitation: InvitationStatus, countedSubmission: string | null): PartnerStatus {
  if (invitation === "revoked") return "cancelled";
  if (countedSubmission === "GRADED" || countedSubmission === "FAILED") return "complete";
  if (countedSubmission !== null || invitation === "started") return "in_progress";
  if (invitation === "expired") return "expired";
  return "pending";
}
