import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { LEVEL_LABELS } from "~/domain/catalog/levels";
import { requirePermission } from "~/lib/auth.server";
import { listJds } from "~/lib/jd/store.server";
import { JOB_STATUSES, STATUS_LABELS } from "~/lib/jd/statuses";
import { can } from "~/lib/permissions";
import styles from "~/styles/jd.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Job descriptions · Hirekit" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "jd:read");
  const status = z.enum(JOB_STATUSES).safeParse(new URL(request.url).searchParams.get("status"));
  const jds = await listJds(status.success ? { status: status.data } : {});
  return { jds, status: status.success ? status.data : null, canEdit: can(user.role, "jd:edit") };
}

export default function JobDescriptions() {
  const { jds, status, canEdit } = useLoaderData<typeof loader>();
  const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
  return (
    <main className="container" id="main">
      <div className="page-head">
        <h1>Job descriptions</h1>
        <div className="actions">
          <Link to="/jobs">Careers page</Link>
          {canEdit ? (
            <Link className="button" to="/jds/new">
              New job description
            </Link>
          ) : null}
        </div>
      </div>
      <Form method="get" className="inline-form card" aria-label="Filter by status">
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={status ?? ""}>
            <option value="">All</option>
            {JOB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          Show
        </button>
      </Form>
      {jds.length === 0 ? (
        <p className="notice">No job descriptions{status ? ` with status ${STATUS_LABELS[status].toLowerCase()}` : ""} yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Level</th>
                <th scope="col">Status</th>
                <th scope="col">Version</th>
                <th scope="col">Updated</th>
                <th scope="col">Created by</th>
              </tr>
            </thead>
            <tbody>
              {jds.map((jd) => (
                <tr key={jd.id}>
                  <td>
                    <Link to={`/jds/${jd.id}`}>{jd.title}</Link>
                    {jd.status === "PUBLISHED" ? (
                      <>
                        {" · "}
                        <Link to={`/jobs/${jd.slug}`}>public page</Link>
                      </>
                    ) : null}
                  </td>
                  <td>{LEVEL_LABELS[jd.level]}</td>
                  <td>
                    <span className={`status ${jd.status.toLowerCase()}`}>{STATUS_LABELS[jd.status]}</span>
                  </td>
                  <td>
                    <Link to={`/jds/${jd.id}/history`}>v{jd.currentVersion}</Link>
                  </td>
                  <td>{dateFormat.format(new Date(jd.updatedAt))}</td>
                  <td>{jd.createdBy.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
