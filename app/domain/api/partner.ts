import type { InvitationStatus } from "../invitations/state";

// Greenhouse's assessment-partner statuses from ours: "complete" only once a score exists (or
// grading ended without one), so the ATS fetches the result exactly when there is one.
export type PartnerStatus = "pending" | "in_progress" | "complete" | "expired" | "cancelled";

export function partnerStatus(invitation: InvitationStatus, latestSubmission: string | null): PartnerStatus {
  if (invitation === "revoked") return "cancelled";
  if (latestSubmission === "GRADED" || latestSubmission === "FAILED" || latestSubmission === "ERROR") return "complete";
  if (latestSubmission !== null || invitation === "started") return "in_progress";
  if (invitation === "expired") return "expired";
  return "pending";
}
