import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/lib/auth.server";
import { orHttpError } from "~/lib/jd/http.server";
import { getJd, listVersions, restoreVersion } from "~/lib/jd/store.server";
import { can } from "~/lib/permissions";
import styles from "~/styles/jd.css?url";
import { readFormObject } from "~/lib/form-data.server";
import { HttpError } from "~/lib/http-error";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `History · ${data?.title ?? "Job description"} · Hirekit` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "jd:read");
  const { jd } = await orHttpError(getJd(params.id!));
  return { id: jd.id, title: jd.title, currentVersion: jd.currentVersion, versions: await listVersions(jd.id), canEdit: can(user.role, "jd:edit") };
}

const RestoreForm = z.object({ version: z.coerce.number().int().positive("choose a version") });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "jd:edit");
  const parsed = RestoreForm.safeParse(await readFormObject(request));
  if (!parsed.success) return data({ error: "Choose a version to restore." }, { status: 400 });
  try {
    const saved = await restoreVersion(user.id, params.id!, parsed.data.version);
    return redirect(`/jds/${params.id}?saved=${saved.number}`);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    if (error.status === 404) throw new Response(error.message, { status: 404 });
    return data({ error: [error.message, ...error.details].join(" ") }, { status: error.status });
  }
}

export default function History() {
  const { id, title, currentVersion, versions, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (
    <main className="container" id="main">
      <p>
        <Link to={canEdit ? `/jds/${id}` : `/jds/${id}/preview`}>← {title}</Link>
      </p>
      <h1>Version history</h1>
      {result?.error ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      <Form method="get" action={`/jds/${id}/diff`} className="card">
        <p className="hint">Pick two versions and compare them.</p>
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Saved versions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Compare from</th>
                <th scope="col">Compare to</th>
                <th scope="col">Note</th>
                <th scope="col">Saved</th>
                <th scope="col">By</th>
                {canEdit ? <th scope="col">Restore</th> : null}
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.number}>
                  <td>
                    <Link to={`/jds/${id}/preview?version=${v.number}`}>v{v.number}</Link>
                    {v.number === currentVersion ? " (current)" : ""}
                  </td>
                  <td>
                    <input type="radio" name="from" value={v.number} defaultChecked={v.number === Math.max(1, currentVersion - 1)} aria-label={`Compare from version ${v.number}`} className="radio" />
                  </td>
                  <td>
                    <input type="radio" name="to" value={v.number} defaultChecked={v.number === currentVersion} aria-label={`Compare to version ${v.number}`} className="radio" />
                  </td>
                  <td>{v.note ?? <span className="muted">—</span>}</td>
                  <td>{timeFormat.format(new Date(v.createdAt))} UTC</td>
                  <td>{v.createdBy.name}</td>
                  {canEdit ? (
                    <td>
                      {v.number === currentVersion ? null : (
                        <button type="submit" form={`restore-${v.number}`} className="secondary">
                          Restore v{v.number}
                        </button>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          <button type="submit">Compare</button>
        </p>
      </Form>
      {canEdit
        ? versions
            .filter((v) => v.number !== currentVersion)
            .map((v) => (
              <Form key={v.number} method="post" id={`restore-${v.number}`} hidden>
                <input type="hidden" name="version" value={v.number} />
              </Form>
            ))
        : null}
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
