import type { LoaderFunctionArgs } from "@remix-run/node";
import { findCandidateSubmission } from "~/lib/candidate.server";
import { requireCandidateResource } from "~/lib/candidate-resource.server";
import { progressStream } from "~/lib/candidate-events.server";

// Server-Sent Events for one submission of this invitation. "no-transform" keeps the
// compression middleware from buffering the stream.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const invitation = await requireCandidateResource(params.token, "json");
  const submission = await findCandidateSubmission(invitation.id, new URL(request.url).searchParams.get("submission"));
  if (!submission) return new Response("No such submission for this invitation.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(progressStream(submission.id, request.signal), {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
