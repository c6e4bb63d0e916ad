import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { NO_STORE_HEADERS, requireCandidate } from "~/lib/candidate.server";
import { feedbackPdfStream } from "~/lib/feedback-pdf.server";
import { feedbackReport } from "~/lib/feedback.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await requireCandidate(params.token);
  const report = await feedbackReport(invitation);
  if (!report) return new Response("Feedback for this assessment has not been released yet.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(createReadableStreamFromReadable(feedbackPdfStream(report)), {
    headers: { ...NO_STORE_HEADERS, "Content-Type": "application/pdf", "Content-Disposition": 'attachment; filename="feedback.pdf"' },
  });
}
