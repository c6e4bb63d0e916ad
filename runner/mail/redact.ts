export const REDACTED_LINK = "[link removed after sending]";

// Candidate links are `<origin>/c/<token>` (app/lib/invite-token.server.ts). The consumer finds
// them in the stored body rather than being handed the link, so no working link reaches Redis.
const CANDIDATE_LINK = /https?:\/\/[^\s/]+(?:\/[^\s]*?)?\/c\/[A-Za-z0-9_-]+/g;

export function redactCandidateLinks(body: string): string {
  return body.replace(CANDIDATE_LINK, REDACTED_LINK);
}
