import type { HeadersFunction, LinksFunction, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LEVEL_LABELS } from "~/domain/catalog/levels";
import { factsLine } from "~/domain/jd/format";
import { listPublishedJobs } from "~/lib/jd/store.server";
import { PUBLIC_PAGE_HEADERS } from "~/lib/public-page";
import styles from "~/styles/jd.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
// Anonymous visitors may be served from a browser or CDN cache; the HTTP entry adds the ETag and
// answers 304, and turns this into no-store for a signed-in visitor.
export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;
export const meta: MetaFunction = () => [
  { title: "Open positions" },
  { name: "description", content: "Open backend developer positions: read the role, what we ask for and how to apply." },
];

export async function loader() {
  const jobs = await listPublishedJobs();
  return {
    jobs: jobs.map(({ slug, doc }) => ({
      slug,
      title: doc.title,
      company: doc.company.name,
      level: LEVEL_LABELS[doc.level],
      facts: factsLine(doc),
      summary: doc.seo.metaDescription || doc.summary.slice(0, 200),
    })),
  };
}

export default function Jobs() {
  const { jobs } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="careers-header">
        <Link to="/jobs">Careers</Link>
      </header>
      <main className="container careers" id="main">
        <h1>Open positions</h1>
        {jobs.length === 0 ? (
          <p className="notice">There are no open positions right now. Please check back later.</p>
        ) : (
          <ul className="job-list">
            {jobs.map((job) => (
              <li key={job.slug} className="card">
                <Link to={`/jobs/${job.slug}`}>{job.title}</Link>
                <p className="muted job-facts">
                  {[job.company, job.level, ...job.facts].filter(Boolean).join(" · ")}
                </p>
                <p className="job-summary">{job.summary}</p>
              </li>
            ))}
          </ul>
        )}
      </main>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
