import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requirePermission } from "~/lib/auth.server";
import { JD_EXPORT_FORMATS, jdExportPath } from "~/lib/jd/export.server";

// The exports' former address (/jds/:id/export/:format), published in API responses before the
// download routes were renamed: it keeps answering with a redirect to the new one.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "jd:read");
  const format = JD_EXPORT_FORMATS.find((known) => known === params.format);
  if (!format) throw new Response("Unknown export format; use pdf, md or jsonld.", { status: 404 });
  return redirect(`${jdExportPath(params.id!, format)}${new URL(request.url).search}`);
}
