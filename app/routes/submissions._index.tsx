import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/lib/auth.server";
import { fieldErrors } from "~/lib/forms";
import { can } from "~/lib/permissions";
import { listFilterOptions, listSubmissions } from "~/lib/scorecard-list.server";
import {
  PAGE_SIZES,
  SUBMISSION_STATUSES,
  pageCount,
  parseSubmissionQuery,
  queryString,
  type SubmissionQuery,
} from "~/domain/scorecard/list-query";
import { COMPARE_MAX, COMPARE_MIN } from "~/domain/scorecard/compare";
import { formatPercent } from "~/domain/scorecard/ratings";
import { Field } from "~/components/field";
import styles from "~/components/scorecard/scorecard.css?url";

export const meta: MetaFunction = () => [{ title: "Submissions · Hirekit" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const DEFAULT_QUERY: SubmissionQuery = { sort: "date", dir: "desc", page: 1, pageSize: 25 };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "submission:read");
  const url = new URL(request.url);
  const parsed = parseSubmissionQuery(url.searchParams);
  const options = await listFilterOptions();
  const canExport = can(user.role, "scorecard:export");
  if (!parsed.success) {
    return data(
      { query: DEFAULT_QUERY, errors: fieldErrors(parsed.error), rows: [], total: 0, options, canExport, search: url.search },
      { status: 400 },
    );
  }
  const { rows, total } = await listSubmissions(parsed.data);
  return { query: parsed.data, errors: {} as Record<string, string>, rows, total, options, canExport, search: url.search };
}

const SORT_LABELS = { date: "Submitted", score: "Score", candidate: "Candidate" } as const;

function SortLink({ query, sort }: { query: SubmissionQuery; sort: SubmissionQuery["sort"] }) {
  const active = query.sort === sort;
  const dir = active && query.dir === "desc" ? "asc" : "desc";
  return (
    <Link to={`?${queryString(query, { sort, dir, page: 1 })}`} aria-label={`Sort by ${SORT_LABELS[sort].toLowerCase()}, ${dir === "asc" ? "ascending" : "descending"}`}>
      {SORT_LABELS[sort]}
      {active ? (query.dir === "asc" ? " ▲" : " ▼") : ""}
    </Link>
  );
}

export default function Submissions() {
  const { query, errors, rows, total, options, canExport, search } = useLoaderData<typeof loader>();
  const pages = pageCount(total, query.pageSize);
  const ariaSort = (sort: SubmissionQuery["sort"]) => (query.sort === sort ? (query.dir === "asc" ? "ascending" : "descending") : undefined);
  const errorList = Object.values(errors);
  return (
    <main className="container" id="main">
      <h1>Submissions</h1>
      <Form method="get" className="card sc-filters" aria-label="Filter submissions">
        {(
          [
            ["jd", "Job description", options.jds.map((jd) => [jd.id, jd.title])],
            ["assessment", "Assessment", options.assessments.map((a) => [a.id, a.title])],
            ["status", "Status", SUBMISSION_STATUSES.map((s) => [s, s.charAt(0) + s.slice(1).toLowerCase()])],
          ] as const
        ).map(([name, label, choices]) => (
          <div className="field" key={name}>
            <label htmlFor={`filter-${name}`}>{label}</label>
            <select id={`filter-${name}`} name={name} defaultValue={query[name] ?? ""} aria-invalid={errors[name] ? true : undefined}>
              <option value="">Any</option>
              {choices.map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          </div>
        ))}
        {(
          [
            ["minScore", "Min score (%)"],
            ["maxScore", "Max score (%)"],
          ] as const
        ).map(([name, label]) => (
          <Field key={name} name={name} id={`filter-${name}`} label={label} error={errors[name]}>
            {(props) => <input {...props} type="number" min={0} max={100} step="any" defaultValue={query[name] ?? ""} />}
          </Field>
        ))}
        <div className="field">
          <label htmlFor="filter-pageSize">Per page</label>
          <select id="filter-pageSize" name="pageSize" defaultValue={query.pageSize}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </div>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <div className="field">
          <button type="submit">Apply filters</button>
        </div>
      </Form>
      {errorList.length ? (
        <p className="form-error" role="alert">
          {errorList.join(" ")}
        </p>
      ) : null}
      <p>
        {total} candidate{total === 1 ? "" : "s"} with submissions.{" "}
        {canExport ? <a href={`/submissions.csv${search}`}>Download these as CSV</a> : null}
      </p>
      <Form method="get" action="/compare">
        <div className="table-wrap" role="region" aria-label="Submissions" tabIndex={0}>
          <table>
            <caption className="sr-only">The attempt that counts (the latest graded one) per candidate</caption>
            <thead>
              <tr>
                <th scope="col">Compare</th>
                <th scope="col" aria-sort={ariaSort("candidate")}>
                  <SortLink query={query} sort="candidate" />
                </th>
                <th scope="col">Assessment</th>
                <th scope="col">Job description</th>
                <th scope="col">Status</th>
                <th scope="col" aria-sort={ariaSort("score")}>
                  <SortLink query={query} sort="score" />
                </th>
                <th scope="col">Attempts</th>
                <th scope="col" aria-sort={ariaSort("date")}>
                  <SortLink query={query} sort="date" />
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.invitationId}>
                  <td>
                    <input
                      type="checkbox"
                      name="ids"
                      value={row.invitationId}
                      aria-label={`Compare ${row.candidateName}`}
                      className="sc-check"
                    />
                  </td>
                  <td>
                    <Link to={`/scorecards/${row.invitationId}`}>{row.candidateName}</Link>
                    <br />
                    <span className="muted">{row.candidateEmail}</span>
                  </td>
                  <td>{row.assessmentTitle}</td>
                  <td>{row.jdTitle ?? <span className="muted">none</span>}</td>
                  <td>
                    <span className={`status ${row.status === "GRADED" ? "ok" : row.status === "FAILED" || row.status === "ERROR" ? "bad" : ""}`}>{row.status}</span>
                  </td>
                  <td>{formatPercent(row.overallScore)}</td>
                  <td>
                    {row.attempt} of {row.attempts}
                  </td>
                  <td>
                    <time dateTime={new Date(row.submittedAt).toISOString()}>{new Date(row.submittedAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC</time>
                  </td>
                </tr>
              ))}
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={8}>No submissions match these filters.</td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
        <p>
          <button type="submit" className="secondary">
            Compare selected ({COMPARE_MIN}–{COMPARE_MAX})
          </button>
        </p>
      </Form>
      <nav className="sc-pager" aria-label="Pages">
        {query.page > 1 ? <Link to={`?${queryString(query, { page: query.page - 1 })}`}>Previous page</Link> : null}
        <span>
          Page {Math.min(query.page, pages)} of {pages}
        </span>
        {query.page < pages ? <Link to={`?${queryString(query, { page: query.page + 1 })}`}>Next page</Link> : null}
      </nav>
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
