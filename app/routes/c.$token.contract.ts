import type { LoaderFunctionArgs } from "@remix-run/node";
import { NO_STORE_HEADERS } from "~/lib/candidate.server";
import { requireCandidateResource } from "~/lib/candidate-resource.server";

// The assessment's contract as the candidate reads it on the page, as a file for their tools.
export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await requireCandidateResource(params.token, "text");
  return new Response(invitation.assessment.openapi, {
    headers: {
      ...NO_STORE_HEADERS,
      "Content-Type": "application/yaml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${invitation.assessment.slug}-openapi.yaml"`,
    },
  });
}
