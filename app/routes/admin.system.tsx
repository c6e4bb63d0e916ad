import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/lib/auth.server";
import { getConfig } from "~/lib/config.server";
import { prisma } from "~/lib/db.server";
import { checkHealth } from "~/lib/health.server";
import { queueHealth } from "~/lib/queue-health.server";
import { syncAssessments } from "~/lib/assessment-sync.server";
import { gradingHostReport } from "~/lib/grading-host.server";

export const meta: MetaFunction = () => [{ title: "System · Hirekit" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "queue:view");
  const [health, queue, assessments, gradingHost] = await Promise.all([
    checkHealth(),
    queueHealth().catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) })),
    prisma.assessment.findMany({ orderBy: { slug: "asc" }, select: { id: true, slug: true, title: true, level: true, version: true, active: true, syncedAt: true } }),
    gradingHostReport(),
  ]);
  return { health, queue, assessments, gradingHost };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "assessments:sync");
  try {
    const report = await syncAssessments(prisma, getConfig().ASSESSMENTS_DIR, user.id);
    return data({ ok: true as const, report, error: null });
  } catch (error) {
    // A broken assessment folder is a content problem the admin must see, not a crash.
    return data({ ok: false as const, report: null, error: error instanceof Error ? error.message : String(error) }, { status: 422 });
  }
}

export default function AdminSystem() {
  const { health, queue, assessments, gradingHost } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="container" id="main">
      <h1>System</h1>
      <section className="card" aria-labelledby="health-heading">
        <h2 id="health-heading">Services</h2>
        <ul>
          {(["database", "redis", "docker"] as const).map((name) => (
            <li key={name}>
              <span className={`status ${health[name].ok ? "ok" : "bad"}`}>{health[name].ok ? "up" : "down"}</span> {name} ({health[name].ms} ms)
              {health[name].error ? ` — ${health[name].error}` : ""}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="queue-heading">
        <h2 id="queue-heading">Grading queue</h2>
        {"error" in queue ? (
          <p className="form-error">Queue unavailable: {queue.error}</p>
        ) : (
          <>
            <p>
              {Object.entries(queue.jobs)
                .map(([state, count]) => `${state}: ${count}`)
                .join(" · ")}
            </p>
            <p>
              Workers connected: {queue.workers.length}
              {queue.workers.length ? ` (${queue.workers.map((w) => w.name).join(", ")})` : ""}
            </p>
            <p>
              Submissions:{" "}
              {Object.entries(queue.submissions)
                .map(([status, count]) => `${status.toLowerCase()} ${count}`)
                .join(" · ") || "none yet"}
            </p>
          </>
        )}
      </section>
      <GradingHostSection report={gradingHost} />
      <section className="card" aria-labelledby="assess-heading">
        <h2 id="assess-heading">Assessments</h2>
        {result?.ok ? (
          <p className="notice" role="status">
            Synced: {result.report.created.length} created, {result.report.updated.length} updated, {result.report.unchanged.length} unchanged,{" "}
            {result.report.deactivated.length} deactivated.
          </p>
        ) : null}
        {result && !result.ok ? (
          <p className="form-error" role="alert">
            Sync failed, nothing changed: {result.error}
          </p>
        ) : null}
        <Form method="post">
          <button type="submit">Sync from assessments/</button>
        </Form>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Assessment</th>
                <th scope="col">Level</th>
                <th scope="col">Version</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {assessments.map((assessment) => (
                <tr key={assessment.id}>
                  <td>
                    {assessment.title} <span className="muted">({assessment.slug})</span>
                  </td>
                  <td>{assessment.level.toLowerCase()}</td>
                  <td>{assessment.version}</td>
                  <td>{assessment.active ? "active" : "inactive"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}

function GradingHostSection({ report }: { report: Awaited<ReturnType<typeof gradingHostReport>> }) {
  return (
    <section className="card" aria-labelledby="grading-host-heading">
      <h2 id="grading-host-heading">Grading host</h2>
      <p>
        Last {report.windowDays} days: {report.inconclusiveRuns} test phase{report.inconclusiveRuns === 1 ? "" : "s"} thrown away because the host starved
        the service or the prober ({report.submissionsRegraded} submission{report.submissionsRegraded === 1 ? "" : "s"} regraded, no attempt used);{" "}
        {report.overloaded.length} ended in error because the grading host was overloaded.
      </p>
      {report.overloaded.length > 0 ? (
        <ul aria-label="Submissions the overloaded host could not grade">
          {report.overloaded.map((row) => (
            <li key={row.id}>
              <span className="status bad">overloaded</span> {row.candidate} · {row.assessment} · {new Date(row.at).toLocaleString("en-GB")} — {row.reason}
            </li>
          ))}
        </ul>
      ) : null}
      {report.calibrations.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>Reference calibrations (latency thresholds are stretched by the scale)</caption>
            <thead>
              <tr>
                <th scope="col">Host</th>
                <th scope="col">Assessment</th>
                <th scope="col">Test phase</th>
                <th scope="col">Latency scale</th>
                <th scope="col">Runtime image</th>
                <th scope="col">Measured</th>
              </tr>
            </thead>
            <tbody>
              {report.calibrations.map((row) => (
                <tr key={row.id}>
                  <td>{row.host}</td>
                  <td>{row.assessmentSlug}</td>
                  <td>{(row.testPhaseMs / 1000).toFixed(1)} s</td>
                  <td>×{row.latencyScale}</td>
                  <td className="muted">{row.runtimeImage}</td>
                  <td>{new Date(row.createdAt).toLocaleString("en-GB")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No reference calibration yet: the worker grades each reference when it starts.</p>
      )}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
