import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { JdView } from "~/components/jd/jd-view";
import { toView } from "~/domain/jd/view";
import { requirePermission } from "~/lib/auth.server";
import { orHttpError } from "~/lib/jd/http.server";
import { getJd } from "~/lib/jd/store.server";
import { STATUS_LABELS } from "~/lib/jd/statuses";
import { can } from "~/lib/permissions";
import styles from "~/styles/jd.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Preview · ${data?.view.title ?? "Job description"} · Hirekit` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "jd:read");
  const version = z.coerce.number().int().positive().optional().safeParse(new URL(request.url).searchParams.get("version") ?? undefined);
  const { jd, version: shown } = await orHttpError(getJd(params.id!, version.success ? version.data : undefined));
  return { jd, number: shown.number, view: toView(shown.content), canEdit: can(user.role, "jd:edit") };
}

export default function Preview() {
  const { jd, number, view, canEdit } = useLoaderData<typeof loader>();
  const query = number === jd.currentVersion ? "" : `?version=${number}`;
  return (
    <main className="container" id="main">
      <div className="page-head">
        <p>{canEdit ? <Link to={`/jds/${jd.id}`}>← Back to the composer</Link> : <Link to="/jds">← Job descriptions</Link>}</p>
        <nav className="actions" aria-label="Exports">
          <span className="muted">
            Version {number}
            {number === jd.currentVersion ? " (current)" : ""} · <span className={`status ${jd.status.toLowerCase()}`}>{STATUS_LABELS[jd.status]}</span>
          </span>
          <a className="button secondary" href={`/jds/${jd.id}/jd.pdf${query}`}>
            PDF
          </a>
          <a className="button secondary" href={`/jds/${jd.id}/jd.md${query}`}>
            Markdown
          </a>
          <a className="button secondary" href={`/jds/${jd.id}/jd.jsonld${query}`}>
            JSON-LD
          </a>
          <Link to={`/jds/${jd.id}/history`}>History</Link>
        </nav>
      </div>
      <JdView view={view} />
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
