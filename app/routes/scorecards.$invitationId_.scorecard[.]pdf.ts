import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "~/lib/auth.server";
import { can } from "~/lib/permissions";
import { ScorecardNotFound, loadScorecard } from "~/lib/scorecard.server";
import { scorecardPdfFileName, scorecardPdfStream } from "~/lib/scorecard-pdf.server";

const paramsSchema = z.object({ invitationId: z.uuid() });
const attemptSchema = z.coerce.number().int().min(1).optional();

function plain(message: string, status: number): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "scorecard:export");
  const parsedParams = paramsSchema.safeParse(params);
  if (!parsedParams.success) return plain("There is no scorecard at this address.", 404);
  const attempt = attemptSchema.safeParse(new URL(request.url).searchParams.get("attempt") || undefined);
  if (!attempt.success) return plain("The attempt must be a whole number from 1.", 400);
  try {
    // The export follows the same blind-review rule as the page the exporter sees.
    const card = await loadScorecard(parsedParams.data.invitationId, { id: user.id, canReview: can(user.role, "scorecard:review") }, attempt.data);
    return new Response(createReadableStreamFromReadable(scorecardPdfStream(card)), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${scorecardPdfFileName(card)}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof ScorecardNotFound) return plain(error.message, 404);
    throw error;
  }
}
