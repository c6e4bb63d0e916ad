// The candidate's download and progress endpoints have no page to render an error on: an unknown
// or withdrawn link gets a plain Response in the endpoint's own format (a thrown `data()` there
// would reach the client as "Unexpected Server Error" and be logged as a server fault).
import { findInvitationByToken, NO_STORE_HEADERS, type CandidateInvitation } from "./candidate.server";

const MESSAGES = {
  404: "This link is not valid. Check that you copied the whole link from your invitation email.",
  410: "This invitation has been withdrawn. Contact the recruiter if you think this is a mistake.",
} as const;

function refusal(status: keyof typeof MESSAGES, format: "json" | "text"): Response {
  const headers = { ...NO_STORE_HEADERS };
  if (format === "json") return Response.json({ error: MESSAGES[status] }, { status, headers });
  return new Response(MESSAGES[status], { status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}

export async function requireCandidateResource(token: string | undefined, format: "json" | "text"): Promise<CandidateInvitation> {
  const invitation = await findInvitationByToken(token);
  if (!invitation) throw refusal(404, format);
  if (invitation.revokedAt) throw refusal(410, format);
  return invitation;
}
