// Audit actions as people read them: the invitation history and the audit log page show these
// instead of the stored codes. An action missing here still shows, as its code.

export const EVENT_LABELS: Record<string, string> = {
  "invitation.create": "Invitation created",
  "invitation.revoke": "Invitation withdrawn",
  "invitation.resend": "Invitation sent again",
  "invitation.extend": "Deadline extended",
  "invitation.extra-time": "Extra time granted",
  "invitation.feedback-release": "Feedback released to the candidate",
  "candidate.start": "Candidate started the assessment",
  "candidate.upload": "Candidate uploaded a solution",
  "submission.regrade": "Submission graded again",
  "review.comment": "Review comment added",
  "jd.create": "Job description created",
  "jd.save": "Job description saved",
  "jd.restore": "Job description version restored",
  "jd.status": "Job description status changed",
  "catalog.seed": "Catalog loaded from the seed",
  "catalog.item.create": "Catalog item created",
  "catalog.item.retire": "Catalog item retired",
  "catalog.item.delete": "Catalog item deleted",
  "catalog.competency.update": "Competency edited",
  "assessment.sync": "Assessments synced",
  "organisation.update": "Organisation profile edited",
  "user.create": "User created",
  "user.role": "User role changed",
  "user.disable": "User disabled",
  "user.enable": "User enabled",
  "user.password-change": "Password changed",
  "user.password-reset-link": "Password reset link created",
  "user.password-reset": "Password reset with a link",
  "auth.login": "Signed in",
  "api-token.create": "API token created",
  "api-token.revoke": "API token revoked",
  "api.request": "API request",
  "webhook.create": "Webhook created",
  "webhook.update": "Webhook edited",
  "webhook.delete": "Webhook deleted",
  "webhook.redeliver": "Webhook delivery retried",
  "webhook.auto-disable": "Webhook disabled after failures",
  "webhook.allow-host": "Webhook host allowed",
  "webhook.disallow-host": "Webhook host no longer allowed",
};

export function eventLabel(action: string): string {
  return EVENT_LABELS[action] ?? action;
}
