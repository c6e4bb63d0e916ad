import { getConfig } from "~/lib/config.server";
import { openApiDocument } from "~/lib/api/openapi.server";

// Public, like any API description: it holds no data, and clients generate code from it.
export function loader() {
  return new Response(JSON.stringify(openApiDocument(getConfig().PUBLIC_URL), null, 2), {
    headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=300" },
  });
}
