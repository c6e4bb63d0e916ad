import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import candidateStyles from "~/components/candidate/candidate.css?url";
import { LiveProgress } from "~/components/candidate/progress";
import { CompetencyResults } from "~/components/candidate/results";
import { RootCauses, rootCauseView } from "~/components/results/root-causes";
import { chargedAttempts } from "~/domain/invitations/grading-faults";
import { feedbackByCompetency, summarize } from "~/domain/invitations/results";
import { attemptsLeft } from "~/domain/invitations/state";
import { currentProgress } from "~/lib/candidate-events.server";
import { candidateResults, findCandidateSubmission, listAttempts, NO_STORE_HEADERS, requireCandidate } from "~/lib/candidate.server";
import { competencyNamer } from "~/lib/feedback.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: candidateStyles }];
export const meta: MetaFunction = () => [{ title: "Your submission · Take-home assessment" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => NO_STORE_HEADERS;

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await requireCandidate(params.token);
  const submission = await findCandidateSubmission(invitation.id, params.id);
  if (!submission) throw data("There is no such submission for this invitation.", { status: 404, statusText: "Not Found" });
  const [progress, attempts, competencyName] = await Promise.all([currentProgress(submission.id), listAttempts(invitation.id), competencyNamer()]);
  const graded = submission.status === "GRADED";
  const groups = graded ? feedbackByCompetency(await candidateResults(submission.id), invitation.assessment.port).map((g) => ({ ...g, name: competencyName(g.competencyId) })) : [];
  return data(
    {
      title: invitation.assessment.title,
      attempt: submission.attempt,
      progress: progress!,
      groups,
      totals: summarize(groups),
      causes: graded ? rootCauseView(await candidateResults(submission.id), "candidate", competencyName) : null,
      attemptsLeft: attemptsLeft({ attemptLimit: invitation.assessment.attemptLimit, attemptsUsed: chargedAttempts(attempts) }),
      attempts: attempts.map((a) => ({ id: a.id, attempt: a.attempt, status: a.status })),
    },
    { headers: NO_STORE_HEADERS },
  );
}

export default function CandidateSubmission() {
  const page = useLoaderData<typeof loader>();
  const params = useParams();
  const base = `/c/${params.token}`;
  const query = `?submission=${encodeURIComponent(params.id ?? "")}`;
  return (
    <main className="container" id="main">
      <p>
        <Link to={base}>← Back to the assessment</Link>
      </p>
      <h1>
        {page.title}: attempt {page.attempt}
      </h1>
      <LiveProgress key={`${params.id}-${page.progress.status}`} initial={page.progress} eventsUrl={`${base}/events${query}`} statusUrl={`${base}/status${query}`} />
      {page.progress.status === "GRADED" ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">Results</h2>
          <p>
            Public tests passed: <strong>{page.totals.publicPassed}</strong> of {page.totals.publicTotal}. Hidden tests passed:{" "}
            <strong>{page.totals.hiddenPassed}</strong> of {page.totals.hiddenTotal} (hidden tests are counted, never shown).
          </p>
          <RootCauses view={page.causes} headingLevel={3} />
          <CompetencyResults groups={page.groups} showCurl={false} />
        </section>
      ) : null}
      <p>
        {page.attemptsLeft > 0 ? `You can upload again (${page.attemptsLeft} attempt${page.attemptsLeft === 1 ? "" : "s"} left) until the deadline.` : "You have used all your attempts."}
      </p>
      {page.attempts.length > 1 ? (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">All attempts</h2>
          <ul>
            {page.attempts.map((a) => (
              <li key={a.id}>
                <Link to={`${base}/submissions/${a.id}`} aria-current={a.attempt === page.attempt ? "page" : undefined}>
                  Attempt {a.attempt}
                </Link>{" "}
                — {a.status.toLowerCase()}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}

export { CandidateErrorPage as ErrorBoundary } from "~/components/error-page";
