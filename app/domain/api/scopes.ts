// What an API token may do. "read" covers every GET; the write scopes each unlock one family of
// changes, so an ATS that only sends tests never gets to point webhooks elsewhere.
export const API_SCOPES = ["read", "invitations:write", "webhooks:write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  read: "Read assessments, job descriptions, invitations, submissions, scorecards and webhooks",
  "invitations:write": "Create, revoke and extend invitations",
  "webhooks:write": "Create, change and delete webhook subscriptions",
};

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

export function hasScope(granted: readonly string[], needed: ApiScope): boolean {
  return granted.includes(needed);
}

/** Token lifetimes an admin may choose, in days. */
export const TOKEN_EXPIRY_CHOICES = ["30", "90", "365", "never"] as const;
