// The events a webhook subscription can ask for, shared by the web app (which emits the
// invitation and review events) and the grading worker (which emits the submission events).
export const WEBHOOK_EVENTS = [
  "invitation.created",
  "invitation.expired",
  "submission.graded",
  "submission.failed",
  "review.submitted",
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export function isWebhookEvent(value: string): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

/** The JSON body every delivery carries; `id` is also sent as the Hirekit-Delivery header. */
export interface WebhookEnvelope<T = unknown> {
  id: string;
  event: WebhookEvent;
  createdAt: string;
  data: T;
}
