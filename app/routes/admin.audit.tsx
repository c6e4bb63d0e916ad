import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { describeAudit } from "~/domain/invitations/audit-view";
import { listAuditLog } from "~/lib/audit-log.server";
import { requirePermission } from "~/lib/auth.server";

export const meta: MetaFunction = () => [{ title: "Audit log · Hirekit" }];

const PageQuery = z.coerce.number().int().min(1).max(100_000).catch(1);

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit:read");
  const page = PageQuery.parse(new URL(request.url).searchParams.get("page") ?? 1);
  const { rows, total, pages } = await listAuditLog(page);
  return {
    page,
    pages,
    total,
    entries: rows.map((row) => ({
      id: row.id,
      at: row.createdAt.toISOString(),
      who: row.actor ? `${row.actor.name} (${row.actor.email})` : row.action.startsWith("candidate.") ? "The candidate" : "The system",
      ...describeAudit(row),
    })),
  };
}

export default function AuditLog() {
  const { entries, page, pages, total } = useLoaderData<typeof loader>();
  return (
    <main className="container" id="main">
      <h1>Audit log</h1>
      <p className="muted">
        Every change, newest first: {total} entries. Page {page} of {pages}.
      </p>
      <div className="table-wrap">
        <table className="stack-table">
          <caption className="sr-only">Audit log, page {page}</caption>
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">To what</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td data-label="When (UTC)">
                  <time dateTime={entry.at}>{entry.at.slice(0, 16).replace("T", " ")}</time>
                </td>
                <td data-label="Who">{entry.who}</td>
                <td data-label="What">{entry.what}</td>
                <td data-label="To what">{entry.href ? <Link to={entry.href}>{entry.target}</Link> : entry.target}</td>
                <td data-label="Details">{entry.details || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="actions" aria-label="Audit log pages">
        {page > 1 ? <Link to={`?page=${page - 1}`}>← Newer</Link> : null}
        {page < pages ? <Link to={`?page=${page + 1}`}>Older →</Link> : null}
      </nav>
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
