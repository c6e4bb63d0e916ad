import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { NO_STORE_HEADERS } from "~/lib/candidate.server";
import { requireCandidateResource } from "~/lib/candidate-resource.server";
import { feedbackPdfStream } from "~/lib/feedback-pdf.server";
import { feedbackReport } from "~/lib/feedback.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await requireCandidateResource(params.token, "text");
  const report = await feedbackReport(invitation);
  if (!report) return new Response("Feedback for this assessment has not been released yet.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(createReadableStreamFromReadable(feedbackPdfStream(report)), {
    headers: { ...NO_STORE_HEADERS, "Content-Type": "application/pdf", "Content-Disposition": 'attachment; filename="feedback.pdf"' },
  });
}
