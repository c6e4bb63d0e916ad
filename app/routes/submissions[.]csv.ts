import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/lib/auth.server";
import { getConfig } from "~/lib/config.server";
import { can } from "~/lib/permissions";
import { submissionsCsv } from "~/lib/scorecard-list.server";
import { parseSubmissionQuery } from "~/domain/scorecard/list-query";

// The filtered submissions list as CSV: every page, in the list's order.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "scorecard:export");
  const parsed = parseSubmissionQuery(new URL(request.url).searchParams);
  if (!parsed.success) {
    const message = parsed.error.issues.map((issue) => issue.message).join("; ");
    return new Response(`The filters are invalid: ${message}.`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const csv = await submissionsCsv(parsed.data, getConfig().PUBLIC_URL, { id: user.id, canReview: can(user.role, "scorecard:review") });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="submissions-${stamp}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
