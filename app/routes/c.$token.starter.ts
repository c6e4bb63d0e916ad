import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { NO_STORE_HEADERS } from "~/lib/candidate.server";
import { requireCandidateResource } from "~/lib/candidate-resource.server";
import { starterZip } from "~/lib/starter-zip.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await requireCandidateResource(params.token, "text");
  const { slug, contentHash, port } = invitation.assessment;
  let zip;
  try {
    zip = await starterZip({ slug, contentHash, port });
  } catch (error) {
    console.error(`starter for ${slug} could not be built`, error);
    return new Response("The starter could not be prepared right now. Try again in a minute, or tell the recruiter.", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "60" } });
  }
  return new Response(createReadableStreamFromReadable(zip), {
    headers: {
      ...NO_STORE_HEADERS,
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${slug}-starter.zip"`,
    },
  });
}
