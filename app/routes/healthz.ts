// Liveness: the process is up and serving. Dependencies are /readyz's business, so an outage of
// PostgreSQL, Redis or Docker never makes an orchestrator restart a healthy web process.
export function loader() {
  return Response.json({ ok: true, uptimeSeconds: Math.round(process.uptime()) }, { headers: { "Cache-Control": "no-store" } });
}
