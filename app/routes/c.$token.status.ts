import type { LoaderFunctionArgs } from "@remix-run/node";
import { findCandidateSubmission } from "~/lib/candidate.server";
import { requireCandidateResource } from "~/lib/candidate-resource.server";
import { currentProgress } from "~/lib/candidate-events.server";

// Polling fallback for the live progress: the same state the event stream starts with.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const invitation = await requireCandidateResource(params.token, "json");
  const submission = await findCandidateSubmission(invitation.id, new URL(request.url).searchParams.get("submission"));
  const state = submission ? await currentProgress(submission.id) : null;
  if (!state) return Response.json({ error: "No such submission for this invitation." }, { status: 404 });
  return Response.json(state, { headers: { "Cache-Control": "no-store" } });
}
