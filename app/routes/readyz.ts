import { checkReadiness } from "~/lib/health.server";

// Readiness: the database and Redis answer, so this process can serve requests. Docker is left
// out on purpose: only the workers need it.
export async function loader() {
  const readiness = await checkReadiness();
  return Response.json(readiness, { status: readiness.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
