import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { describeChange } from "~/domain/jd/diff";
import { requirePermission } from "~/lib/auth.server";
import { orHttpError } from "~/lib/jd/http.server";
import { diffVersions, getJd } from "~/lib/jd/store.server";
import styles from "~/styles/jd.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Compare v${data?.from} and v${data?.to} · Hirekit` }];

const Query = z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "jd:read");
  const query = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new Response("Choose two versions to compare (from and to).", { status: 400 });
  const { jd } = await orHttpError(getJd(params.id!));
  const changes = await orHttpError(diffVersions(jd.id, query.data.from, query.data.to));
  return { id: jd.id, title: jd.title, ...query.data, changes: changes.map((change) => ({ type: change.type, text: describeChange(change) })) };
}

export default function Diff() {
  const { id, title, from, to, changes } = useLoaderData<typeof loader>();
  return (
    <main className="container" id="main">
      <p>
        <Link to={`/jds/${id}/history`}>← History of {title}</Link>
      </p>
      <h1>
        Changes from version {from} to version {to}
      </h1>
      {changes.length === 0 ? (
        <p className="notice">These versions are identical.</p>
      ) : (
        <ol className="diff-list">
          {changes.map((change, i) => (
            <li key={i} className={change.type}>
              {change.text}
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
