import type { LoaderFunctionArgs } from "@remix-run/node";

// Swagger UI from our own copy of swagger-ui-dist (see api.docs.$file.ts): no CDN, and the page's
// only inline script carries the request's CSP nonce.
export function loader({ context }: LoaderFunctionArgs) {
  const nonce = context.cspNonce;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hirekit API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<main id="swagger-ui" aria-label="Hirekit API reference"></main>
<script src="/api/docs/swagger-ui-bundle.js" nonce="${nonce}"></script>
<script nonce="${nonce}">
window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null });
</script>
</body>
</html>`;
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
