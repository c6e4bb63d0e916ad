import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { assertPermission, requirePermission, requireUser } from "~/lib/auth.server";
import { readForm } from "~/lib/form-data.server";
import { getConfig } from "~/lib/config.server";
import { prisma } from "~/lib/db.server";
import { checkHealth } from "~/lib/health.server";
import { queueHealth } from "~/lib/queue-health.server";
import { syncAssessments } from "~/lib/assessment-sync.server";
import { gradingHostReport } from "~/lib/grading-host.server";
import { workerHeartbeats, type WorkerView } from "~/lib/worker-heartbeats.server";
import { listErroredSubmissions, MAX_BULK_REGRADE, regradeSubmissions, type RegradeReport } from "~/lib/regrade.server";

export const meta: MetaFunction = () => [{ title: "System · Hirekit" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "queue:view");
  const [health, queue, assessments, gradingHost, errored] = await Promise.all([
    checkHealth(),
    queueHealth().catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) })),
    prisma.assessment.findMany({ orderBy: { slug: "asc" }, select: { id: true, slug: true, title: true, level: true, version: true, active: true, syncedAt: true } }),
    gradingHostReport(),
    listErroredSubmissions(),
  ]);
  const workers = await workerHeartbeats().catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
  return { health, queue, assessments, gradingHost, workers, errored: errored.map((row) => ({ ...row, finishedAt: row.finishedAt?.toISOString() ?? null })) };
}

const regradeForm = z.object({
  only: z.uuid().optional(),
  all: z.literal("1").optional(),
  submissionId: z.array(z.uuid()).max(MAX_BULK_REGRADE),
});

type ActionResult =
  | { kind: "sync"; ok: true; report: Awaited<ReturnType<typeof syncAssessments>>; error: null }
  | { kind: "sync"; ok: false; report: null; error: string }
  | { kind: "regrade"; ok: true; report: RegradeReport; error: null }
  | { kind: "regrade"; ok: false; report: null; error: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  if (form.get("intent") === "regrade") {
    assertPermission(user, "submission:regrade");
    const parsed = regradeForm.safeParse({ only: form.get("only") ?? undefined, all: form.get("all") ?? undefined, submissionId: form.getAll("submissionId") });
    if (!parsed.success) return data<ActionResult>({ kind: "regrade", ok: false, report: null, error: "The selection was not valid. Reload the page and try again." }, { status: 400 });
    const { only, all, submissionId } = parsed.data;
    const ids = only ? [only] : all ? (await listErroredSubmissions()).map((row) => row.id) : submissionId;
    if (ids.length === 0) return data<ActionResult>({ kind: "regrade", ok: false, report: null, error: "Choose at least one submission to regrade." }, { status: 400 });
    return data<ActionResult>({ kind: "regrade", ok: true, report: await regradeSubmissions(ids, user.id, context.requestId || undefined), error: null });
  }
  assertPermission(user, "assessments:sync");
  try {
    const report = await syncAssessments(prisma, getConfig().ASSESSMENTS_DIR, user.id);
    return data<ActionResult>({ kind: "sync", ok: true, report, error: null });
  } catch (error) {
    // A broken assessment folder is a content problem the admin must see, not a crash.
    return data<ActionResult>({ kind: "sync", ok: false, report: null, error: error instanceof Error ? error.message : String(error) }, { status: 422 });
  }
}

export default function AdminSystem() {
  const { health, queue, assessments, gradingHost, workers, errored } = useLoaderData<typeof loader>();
  const actionResult = useActionData<typeof action>();
  const result = actionResult?.kind === "sync" ? actionResult : undefined;
  const regrade = actionResult?.kind === "regrade" ? actionResult : undefined;
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
      <WorkersSection workers={workers} />
      <GradingHostSection report={gradingHost} />
      <section className="card" aria-labelledby="errored-heading">
        <h2 id="errored-heading">Submissions that failed on our side</h2>
        <p className="muted">
          ERROR means grading failed because of the infrastructure (Docker, the database), not the solution. It costs the candidate no attempt and their
          clock is paused until it is regraded; the worker regrades a few times by itself once the infrastructure is back.
        </p>
        {regrade?.ok ? (
          <p className="notice" role="status">
            Regrading {regrade.report.regraded.length} submission{regrade.report.regraded.length === 1 ? "" : "s"}
            {regrade.report.skipped.length ? ` (${regrade.report.skipped.length} skipped: no longer in ERROR or still in the queue)` : ""}.
          </p>
        ) : null}
        {regrade && !regrade.ok ? (
          <p className="form-error" role="alert">
            {regrade.error}
          </p>
        ) : null}
        {errored.length === 0 ? (
          <p>None.</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="regrade" />
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Select</th>
                    <th scope="col">Candidate</th>
                    <th scope="col">Assessment</th>
                    <th scope="col">Attempt</th>
                    <th scope="col">Cause</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {errored.map((row) => (
                    <tr key={row.id}>
                      <td>
                        <input type="checkbox" name="submissionId" value={row.id} aria-label={`Select attempt ${row.attempt} of ${row.invitation.candidateName}`} />
                      </td>
                      <td>{row.invitation.candidateName}</td>
                      <td>{row.invitation.assessment.title}</td>
                      <td>{row.attempt}</td>
                      <td>{row.failureReason}</td>
                      <td>
                        <button type="submit" name="only" value={row.id}>
                          Regrade
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p>
              <button type="submit">Regrade selected</button>{" "}
              <button type="submit" name="all" value="1">
                Regrade all {errored.length}
              </button>
            </p>
          </Form>
        )}
      </section>
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

/** The grading workers' heartbeats: a worker whose Docker Engine is down shows here, not in the web app's health. */
function WorkersSection({ workers }: { workers: WorkerView[] | { error: string } }) {
  return (
    <section className="card" aria-labelledby="workers-heading">
      <h2 id="workers-heading">Grading workers</h2>
      {"error" in workers ? (
        <p role="alert">The worker heartbeats cannot be read: {workers.error}</p>
      ) : workers.length === 0 ? (
        <p>No worker has reported in the last minute: submissions wait in the queue until one starts.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Grading workers">
          <table>
            <thead>
              <tr>
                <th scope="col">Worker</th>
                <th scope="col">State</th>
                <th scope="col">Concurrency</th>
                <th scope="col">Last heartbeat</th>
                <th scope="col">Last job</th>
              </tr>
            </thead>
            <tbody>
              {workers.map((worker) => (
                <tr key={`${worker.host}/${worker.pid}`}>
                  <td>
                    {worker.host} (pid {worker.pid})
                  </td>
                  <td>{worker.problem ? `unhealthy: ${worker.problem}` : worker.paused ? "paused for an outage" : "healthy"}</td>
                  <td>{worker.concurrency}</td>
                  <td>
                    <time dateTime={worker.at}>{worker.at.replace("T", " ").slice(0, 19)} UTC</time>
                  </td>
                  <td>{worker.lastJob ? `${worker.lastJob.submissionId}: ${worker.lastJob.outcome}` : "none yet"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
