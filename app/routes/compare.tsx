import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/lib/auth.server";
import { can } from "~/lib/permissions";
import { compareCandidates } from "~/lib/scorecard-compare.server";
import { ScorecardNotFound } from "~/lib/scorecard.server";
import { COMPARE_MAX, COMPARE_MIN, parseCompareIds } from "~/domain/scorecard/compare";
import { REQUIREMENT_LABELS } from "~/domain/scorecard/coverage";
import { describeTally, formatPercent } from "~/domain/scorecard/ratings";
import { ratingText } from "~/components/scorecard/reviews";
import styles from "~/components/scorecard/scorecard.css?url";

export const meta: MetaFunction = () => [{ title: "Compare candidates · Hirekit" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "submission:read");
  const parsed = parseCompareIds(new URL(request.url).searchParams);
  if (!parsed.success) {
    return data({ error: parsed.error.issues[0]?.message ?? "Choose candidates to compare", comparison: null }, { status: 400 });
  }
  try {
    const comparison = await compareCandidates(parsed.data, { id: user.id, canReview: can(user.role, "scorecard:review") });
    return { error: null, comparison };
  } catch (error) {
    if (error instanceof ScorecardNotFound) return data({ error: error.message, comparison: null }, { status: 404 });
    throw error;
  }
}

export default function Compare() {
  const { error, comparison } = useLoaderData<typeof loader>();
  return (
    <main className="container" id="main">
      <p>
        <Link to="/submissions">← All submissions</Link>
      </p>
      <h1>Compare candidates</h1>
      {error || !comparison ? (
        <p className="form-error" role="alert">
          {error} You can compare {COMPARE_MIN} to {COMPARE_MAX} candidates: tick them in the submissions list.
        </p>
      ) : (
        <div className="table-wrap sc-compare" role="region" aria-label="Candidates side by side" tabIndex={0}>
          <table>
            <caption className="sr-only">Candidates side by side</caption>
            <thead>
              <tr>
                <th scope="col">Competency</th>
                {comparison.candidates.map((candidate) => (
                  <th scope="col" key={candidate.invitationId}>
                    <Link to={`/scorecards/${candidate.invitationId}`}>{candidate.name}</Link>
                    <br />
                    <span className="muted">{candidate.assessmentTitle}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Overall score</th>
                {comparison.candidates.map((candidate) => (
                  <td key={candidate.invitationId}>
                    <strong>{formatPercent(candidate.overallScore)}</strong>
                    {candidate.attempt ? <span className="muted"> (attempt {candidate.attempt})</span> : <span className="muted"> (no submission)</span>}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">Recommendations</th>
                {comparison.candidates.map((candidate) => (
                  <td key={candidate.invitationId}>
                    {describeTally(candidate.recommendations)}
                    {candidate.hiddenReviews ? <span className="muted"> ({candidate.hiddenReviews} hidden until you submit your review)</span> : null}
                  </td>
                ))}
              </tr>
              {comparison.competencies.map((competency) => (
                <tr key={competency.id}>
                  <th scope="row">{competency.name}</th>
                  {comparison.candidates.map((candidate) => {
                    const cell = candidate.competencies[competency.id];
                    return (
                      <td key={candidate.invitationId}>
                        {cell && cell.score !== null ? formatPercent(cell.score) : "not tested"}
                        {cell ? <span className="muted"> · {REQUIREMENT_LABELS[cell.requirement]}</span> : null}
                        {cell?.ratings.length ? (
                          <span className="sc-compare-ratings" data-ratings>
                            Ratings: {cell.ratings.map((rating) => ratingText(rating)).join(", ")}
                          </span>
                        ) : null}
                      </td>
                    );
                  })}
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
