import type { LoaderFunctionArgs } from "@remix-run/node";
import { jdExportResponse } from "~/lib/jd/export.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => jdExportResponse(request, params.id!, "md");
