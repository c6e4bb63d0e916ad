import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { INVITATION_STATUS_LABELS, INVITATIONS_PAGE_SIZE as PAGE_SIZE, STATUS_FILTERS } from "~/domain/invitations/state";
import { requirePermission } from "~/lib/auth.server";
import { formOptions, ListFilter, listInvitations } from "~/lib/invitations.server";

export const meta: MetaFunction = () => [{ title: "Invitations · Hirekit" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "invitation:manage");
  const filter = ListFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [{ assessments }, list] = await Promise.all([formOptions(), listInvitations(filter)]);
  return { filter, assessments, ...list };
}

function pageLink(filter: { assessment?: string; status?: string }, page: number): string {
  const params = new URLSearchParams();
  if (filter.assessment) params.set("assessment", filter.assessment);
  if (filter.status) params.set("status", filter.status);
  params.set("page", String(page));
  return `?${params}`;
}

export default function Invitations() {
  const { filter, assessments, rows, total } = useLoaderData<typeof loader>();
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <main className="container" id="main">
      <h1>Invitations</h1>
      <p className="inline-form">
        <Link className="button" to="/invitations/new">
          Invite a candidate
        </Link>
        <Link className="button secondary" to="/invitations/import">
          Invite from CSV
        </Link>
        <Link className="button secondary" to="/invitations/outbox">
          Outbox
        </Link>
      </p>
      <Form method="get" className="inline-form card" aria-label="Filter invitations">
        <div className="field">
          <label htmlFor="filter-assessment">Assessment</label>
          <select id="filter-assessment" name="assessment" defaultValue={filter.assessment ?? ""}>
            <option value="">All assessments</option>
            {assessments.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" name="status" defaultValue={filter.status ?? ""}>
            <option value="">Any status</option>
            {STATUS_FILTERS.map((status) => (
              <option key={status} value={status}>
                {INVITATION_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      <p className="muted">
        {`${total} invitation${total === 1 ? "" : "s"}`}
      </p>
      <div className="table-wrap">
        <table>
          <caption className="sr-only">Invitations</caption>
          <thead>
            <tr>
              <th scope="col">Candidate</th>
              <th scope="col">Assessment</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Deadline (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <Link to={`/invitations/${row.id}`}>{row.candidateName}</Link>
                  <br />
                  <span className="muted">{row.candidateEmail}</span>
                </td>
                <td>
                  {row.assessmentTitle}
                  {row.jobTitle ? <div className="muted">for {row.jobTitle}</div> : null}
                </td>
                <td>
                  <span className={`status ${row.status === "revoked" || row.status === "expired" ? "bad" : row.status === "submitted" ? "ok" : ""}`}>
                    {INVITATION_STATUS_LABELS[row.status]}
                  </span>
                </td>
                <td>{row.attempts}</td>
                <td>
                  <time dateTime={new Date(row.deadline).toISOString()}>{new Date(row.deadline).toISOString().slice(0, 16).replace("T", " ")}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav aria-label="Pages" className="inline-form">
          {filter.page > 1 ? <Link to={pageLink(filter, filter.page - 1)}>Previous</Link> : null}
          <span>
            Page {filter.page} of {pages}
          </span>
          {filter.page < pages ? <Link to={pageLink(filter, filter.page + 1)}>Next</Link> : null}
        </nav>
      ) : null}
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
