// Liveness: the process is up and serving. Dependencies are /readyz's business, so an outage of
// PostgreSQL, Redis or Docker never makes an orchestrator restart a healthy web process.
export function loader() {
  // pid: which of the WEB_CONCURRENCY processes answered.
  return Response.json({ ok: true, pid: process.pid, uptimeSeconds: Math.round(process.uptime()) }, { headers: { "Cache-Control": "no-store" } });
}
