import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/lib/auth.server";
import { fieldErrors } from "~/lib/forms";
import { can } from "~/lib/permissions";
import { saveReview } from "~/lib/reviews.server";
import { ScorecardNotFound, loadScorecard, loadScorecardSummary } from "~/lib/scorecard.server";
import { LEVEL_LABELS } from "~/domain/catalog/levels";
import { REQUIREMENT_LABELS } from "~/domain/scorecard/coverage";
import { RATING_LABELS, formatPercent } from "~/domain/scorecard/ratings";
import { parseReviewForm, submitProblems } from "~/domain/scorecard/review-form";
import { formatDuration } from "~/domain/scorecard/timings";
import { CompetencyChart } from "~/components/scorecard/competency-chart";
import { DistributionChart } from "~/components/scorecard/distribution-chart";
import { ReviewForm, ReviewList } from "~/components/scorecard/reviews";
import { TestEvidence } from "~/components/scorecard/test-evidence";
import { RootCauses, rootCauseView } from "~/components/results/root-causes";
import styles from "~/components/scorecard/scorecard.css?url";
import { readFormObject } from "~/lib/form-data.server";
import { HttpError } from "~/lib/http-error";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `${loaded.scorecard.invitation.candidateName} · Scorecard · Hirekit` : "Scorecard · Hirekit" },
];

const paramsSchema = z.object({ invitationId: z.uuid() });
const attemptSchema = z.coerce.number().int().min(1);

function notFound(message: string): Response {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

function invitationIdOf(params: Record<string, string | undefined>): string {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw notFound("There is no scorecard at this address.");
  return parsed.data.invitationId;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "submission:read");
  const invitationId = invitationIdOf(params);
  const attemptParam = new URL(request.url).searchParams.get("attempt");
  let attempt: number | undefined;
  if (attemptParam) {
    const parsed = attemptSchema.safeParse(attemptParam);
    if (!parsed.success) throw new Response("The attempt must be a whole number from 1.", { status: 400, statusText: "Bad Request" });
    attempt = parsed.data;
  }
  const canReview = can(user.role, "scorecard:review");
  try {
    const scorecard = await loadScorecard(invitationId, { id: user.id, canReview }, attempt);
    return { scorecard, canReview, canExport: can(user.role, "scorecard:export") };
  } catch (error) {
    if (error instanceof ScorecardNotFound) throw notFound(error.message);
    throw error;
  }
}

type ActionResult = { errors: Record<string, string>; saved?: "draft" | "submitted" };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "scorecard:review");
  const invitationId = invitationIdOf(params);
  let summary;
  try {
    summary = await loadScorecardSummary(invitationId, { id: user.id, canReview: true });
  } catch (error) {
    if (error instanceof ScorecardNotFound) throw notFound(error.message);
    throw error;
  }
  const names = new Map(summary.competencies.map((c) => [c.id, c.name]));
  const parsed = parseReviewForm(await readFormObject(request), [...names.keys()]);
  if (!parsed.success) return data<ActionResult>({ errors: fieldErrors(parsed.error) }, { status: 400 });
  if (parsed.data.intent === "submit") {
    const mustRate = new Set(summary.competencies.filter((c) => c.assessed).map((c) => c.id));
    const problems = submitProblems(parsed.data, mustRate, (id) => names.get(id) ?? id);
    if (Object.keys(problems).length) {
      return data<ActionResult>({ errors: { form: "Your review is not complete yet; nothing was submitted.", ...problems } }, { status: 400 });
    }
  }
  try {
    const { submitted } = await saveReview(user.id, invitationId, parsed.data);
    return data<ActionResult>({ errors: {}, saved: submitted ? "submitted" : "draft" });
  } catch (error) {
    if (error instanceof HttpError) return data<ActionResult>({ errors: { form: error.message } }, { status: error.status });
    throw error;
  }
}

function formatDate(iso: string): string {
  return `${new Date(iso).toLocaleString("en-GB", { timeZone: "UTC" })} UTC`;
}

export default function Scorecard() {
  const { scorecard, canReview, canExport } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { invitation, assessment, jd, attempts, selected, competencies, tests, reviews } = scorecard;
  const passed = tests.filter((t) => t.outcome === "PASSED").length;
  const hidden = tests.filter((t) => t.visibility === "HIDDEN").length;
  const ownSubmitted = reviews.own?.submittedAt != null;
  return (
    <main className="container" id="main">
      <p>
        <Link to="/submissions">← All submissions</Link>
      </p>
      <div className="sc-head">
        <div>
          <h1>{invitation.candidateName}</h1>
          <ul className="sc-facts">
            <li>{invitation.candidateEmail}</li>
            <li>Assessment: {assessment.title}</li>
            <li>{jd ? `Job description: ${jd.title} (${LEVEL_LABELS[jd.level]}, version ${jd.version})` : "No job description linked"}</li>
            {selected ? (
              <li>
                Attempt {selected.attempt} of {attempts.length} · {selected.status}
              </li>
            ) : null}
          </ul>
        </div>
        <div>
          <p className="muted">Overall score</p>
          <p className="sc-overall">{formatPercent(selected?.overallScore)}</p>
          {selected ? (
            <p>
              <Link to={`/scorecards/${invitation.id}/code?attempt=${selected.attempt}`}>Read the code</Link>
              {selected.attempt > 1 ? (
                <>
                  {" · "}
                  <Link to={`/scorecards/${invitation.id}/code?attempt=${selected.attempt}&diff=previous`}>Changes since attempt {selected.attempt - 1}</Link>
                </>
              ) : null}
            </p>
          ) : null}
          {canExport && selected ? (
            <p>
              <a href={`/scorecards/${invitation.id}/scorecard.pdf?attempt=${selected.attempt}`}>Export as PDF</a>
            </p>
          ) : null}
        </div>
      </div>
      {selected?.failureReason ? (
        <p className="form-error" role="status">
          This attempt did not complete grading: {selected.failureReason}
        </p>
      ) : null}
      {jd?.problem ? <p className="form-error">The linked job description could not be read: {jd.problem}</p> : null}
      {scorecard.coverageWarnings.length ? (
        <section className="sc-warnings" aria-labelledby="coverage-heading">
          <h2 id="coverage-heading">Coverage warnings</h2>
          <ul>
            {scorecard.coverageWarnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {!selected ? <p className="notice">The candidate has not submitted anything yet.</p> : null}

      <section aria-labelledby="context-heading">
        <h2 id="context-heading">Among other candidates</h2>
        <DistributionChart
          context={scorecard.context}
          score={selected?.status === "GRADED" ? selected.overallScore : null}
          titleId="distribution-caption"
        />
      </section>

      <RootCauses view={rootCauseView(tests, "reviewer", (id) => competencies.find((c) => c.id === id)?.name ?? id)} />

      <section aria-labelledby="competencies-heading">
        <h2 id="competencies-heading">Competencies</h2>
        <CompetencyChart
          titleId="chart-caption"
          rows={competencies.map((c) => ({ label: c.name, value: c.score?.score ?? null, requirement: c.requirement }))}
        />
        <div className="table-wrap" role="region" aria-label="Competency scores" tabIndex={0}>
          <table>
            <caption className="sr-only">Score per competency against what the job description asks for</caption>
            <thead>
              <tr>
                <th scope="col">Competency</th>
                <th scope="col">Score</th>
                <th scope="col">Points</th>
                <th scope="col">Tests passed</th>
                <th scope="col">Weight</th>
                <th scope="col">What the JD asks{jd ? ` (${LEVEL_LABELS[jd.level]})` : ""}</th>
              </tr>
            </thead>
            <tbody>
              {competencies.map((c) => (
                <tr key={c.id} data-competency={c.id}>
                  <th scope="row">{c.name}</th>
                  <td data-score>{c.score ? formatPercent(c.score.score) : "not tested"}</td>
                  <td>{c.score ? `${c.score.earned} / ${c.score.possible}` : "—"}</td>
                  <td>{c.testsTotal ? `${c.testsPassed} / ${c.testsTotal}` : "—"}</td>
                  <td>{c.weight || "—"}</td>
                  <td>
                    <strong>{REQUIREMENT_LABELS[c.requirement]}</strong>
                    {c.expectation ? <p className="muted">{c.expectation}</p> : null}
                    {c.jdItems.length ? (
                      <ul>
                        {c.jdItems.map((item) => (
                          <li key={item}>{item}</li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="attempts-heading">
        <h2 id="attempts-heading">Attempts</h2>
        <p className="muted">The latest graded attempt is the one that counts, as the candidate page tells the candidate.</p>
        <div className="table-wrap" role="region" aria-label="Attempts" tabIndex={0}>
          <table>
            <caption className="sr-only">Attempt history with the score of each attempt</caption>
            <thead>
              <tr>
                <th scope="col">Attempt</th>
                <th scope="col">Submitted</th>
                <th scope="col">Status</th>
                <th scope="col">Score</th>
              </tr>
            </thead>
            <tbody>
              {attempts.map((a) => (
                <tr key={a.attempt}>
                  <td>
                    {a.attempt === selected?.attempt ? (
                      <span aria-current="true">Attempt {a.attempt} (shown)</span>
                    ) : (
                      <Link to={`?attempt=${a.attempt}`}>View attempt {a.attempt}</Link>
                    )}
                    {a.attempt === scorecard.countedAttempt ? <strong> · This attempt counts</strong> : null}
                  </td>
                  <td>{formatDate(a.createdAt)}</td>
                  <td>{a.status}</td>
                  <td>{formatPercent(a.overallScore)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {selected ? (
        <section aria-labelledby="tests-heading" className="sc-tests">
          <h2 id="tests-heading">Tests</h2>
          <p>
            {passed} of {tests.length} tests passed ({hidden} hidden from the candidate, shown here).
          </p>
          {tests.map((test) => (
            <TestEvidence key={test.testId} test={test} />
          ))}
        </section>
      ) : null}

      {scorecard.similarity ? (
        <section aria-labelledby="similarity-heading">
          <h2 id="similarity-heading">Similarity check</h2>
          <p className="muted">
            The code is compared with other candidates' submissions of this assessment (the starter and reference are left out, and a candidate's
            own attempts never count). A match is evidence for a person to look at, never a decision: read the matching code side by side
            before drawing any conclusion.
          </p>
          {!scorecard.similarity.checked ? (
            <p>Not checked yet: the check runs after grading.</p>
          ) : scorecard.similarity.matches.length === 0 ? (
            <p>No submission by another candidate is similar above the threshold.</p>
          ) : (
            <ul>
              {scorecard.similarity.matches.map((match) => (
                <li key={`${match.otherInvitationId}-${match.otherAttempt}`}>
                  <strong>{Math.round(match.score * 100)} %</strong> of fingerprints shared with {match.otherCandidate} (attempt {match.otherAttempt})
                </li>
              ))}
            </ul>
          )}
          {scorecard.similarity.matches.length ? (
            <p>
              <Link to={`/scorecards/${invitation.id}/similarity?attempt=${selected?.attempt}`}>Compare the matching code side by side</Link>
            </p>
          ) : null}
        </section>
      ) : null}

      {scorecard.timings.length ? (
        <section aria-labelledby="timings-heading">
          <h2 id="timings-heading">Stage timings</h2>
          <table>
            <caption className="sr-only">Time spent in each grading stage</caption>
            <tbody>
              {scorecard.timings.map((t) => (
                <tr key={t.stage}>
                  <th scope="row">{t.stage}</th>
                  <td>{formatDuration(t.ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {selected ? (
        <section aria-labelledby="logs-heading" className="sc-log">
          <h2 id="logs-heading">Logs</h2>
          {(
            [
              ["Build log", scorecard.buildLog],
              ["Run log", scorecard.runLog],
            ] as const
          ).map(([label, log]) => (
            <details key={label}>
              <summary>{label}</summary>
              {log ? (
                <>
                  {log.omitted ? <p className="muted">The first {log.omitted} characters are not shown.</p> : null}
                  <pre>{log.text}</pre>
                </>
              ) : (
                <p className="muted">Empty.</p>
              )}
            </details>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">Reviews</h2>
        {result?.saved ? (
          <p className="notice" role="status">
            {result.saved === "submitted" ? "Your review has been submitted." : "Your draft has been saved."}
          </p>
        ) : null}
        {canReview && !ownSubmitted ? (
          <>
            <h3>Your review{reviews.own ? " (draft)" : ""}</h3>
            <ReviewForm own={reviews.own} competencies={competencies} rubrics={scorecard.rubrics} errors={result?.errors ?? {}} />
          </>
        ) : null}
        {reviews.own && ownSubmitted ? (
          <>
            <h3>Your review</h3>
            <ReviewList reviews={[reviews.own]} competencies={competencies} />
          </>
        ) : null}
        {reviews.hiddenCount > 0 ? (
          <p className="notice">
            {reviews.hiddenCount} colleague{reviews.hiddenCount === 1 ? " has" : "s have"} submitted a review. You will see{" "}
            {reviews.hiddenCount === 1 ? "it" : "them"} once you submit yours.
          </p>
        ) : null}
        {reviews.others.length ? (
          <>
            <h3>Colleagues' reviews</h3>
            <ReviewList reviews={reviews.others} competencies={competencies} />
          </>
        ) : !reviews.hiddenCount && !canReview ? (
          <p className="muted">No reviews have been submitted yet.</p>
        ) : null}
        {reviews.own?.recommendation && !ownSubmitted ? (
          <p className="muted">Your draft recommendation: {RATING_LABELS[reviews.own.recommendation]}.</p>
        ) : null}
      </section>
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
