import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import candidateStyles from "~/components/candidate/candidate.css?url";
import { CompetencyResults } from "~/components/candidate/results";
import { NO_STORE_HEADERS, requireCandidate } from "~/lib/candidate.server";
import { feedbackReport } from "~/lib/feedback.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: candidateStyles }];
export const meta: MetaFunction = () => [{ title: "Your feedback · Take-home assessment" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => NO_STORE_HEADERS;

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await requireCandidate(params.token);
  const report = await feedbackReport(invitation);
  if (!report) throw data("Feedback for this assessment has not been released yet.", { status: 404, statusText: "Not Found" });
  return data(report, { headers: NO_STORE_HEADERS });
}

export default function CandidateFeedback() {
  const report = useLoaderData<typeof loader>();
  const base = `/c/${useParams().token}`;
  return (
    <main className="container" id="main">
      <p>
        <Link to={base}>← Back to the assessment</Link>
      </p>
      <h1>Feedback: {report.assessmentTitle}</h1>
      <p>
        Based on attempt {report.attempt}. Public tests passed: <strong>{report.totals.publicPassed}</strong> of {report.totals.publicTotal}; hidden
        tests passed: <strong>{report.totals.hiddenPassed}</strong> of {report.totals.hiddenTotal}.
      </p>
      <p>
        Each failed public test comes with <code>curl</code> commands that replay its requests against your service on{" "}
        <code>http://localhost:{report.port}</code>. <a href={`${base}/feedback.pdf`}>Download this report as PDF</a>.
      </p>
      <CompetencyResults groups={report.competencies} showCurl />
    </main>
  );
}

export { CandidateErrorPage as ErrorBoundary } from "~/components/error-page";
