import { rm } from "node:fs/promises";
import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { AboutSection } from "~/components/candidate/about-section";
import { ContractSection } from "~/components/candidate/contract";
import { Countdown } from "~/components/candidate/countdown";
import { UploadForm } from "~/components/candidate/upload-form";
import candidateStyles from "~/components/candidate/candidate.css?url";
import { clockOf } from "~/domain/invitations/clock";
import { chargedAttempts } from "~/domain/invitations/grading-faults";
import { uploadRefusal, UPLOAD_REFUSAL_MESSAGES } from "~/domain/invitations/state";
import { assessmentDocuments } from "~/lib/candidate-page.server";
import { attemptsUsed, clockSummary, listAttempts, NO_STORE_HEADERS, requireCandidate, startAssessment } from "~/lib/candidate.server";
import { candidateContext } from "~/lib/candidate-context.server";
import { getConfig } from "~/lib/config.server";
import { enqueueGrading } from "~/lib/grading-queue.server";
import { receiveArchive, storeSubmission, UploadRefused } from "~/lib/upload.server";
import { unrunnableMessage, unrunnableReason } from "~/lib/upload-runnable.server";
import { isMultipart, readForm } from "~/lib/form-data.server";
import { logger } from "~/lib/logger.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: candidateStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: loaderData ? `${loaderData.assessment.title} · Take-home assessment` : "Take-home assessment" },
  { name: "robots", content: "noindex, nofollow" },
];
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const connection = actionHeaders.get("Connection");
  return connection ? { ...NO_STORE_HEADERS, Connection: connection } : NO_STORE_HEADERS;
};

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await requireCandidate(params.token);
  const now = new Date();
  const attempts = await listAttempts(invitation.id);
  const clock = clockOf(invitation, chargedAttempts(attempts), now);
  const docs = assessmentDocuments(invitation.assessment);
  const refusal = uploadRefusal(clock, now);
  const context = await candidateContext(invitation.jobDescriptionId);
  return data(
    {
      context,
      candidateName: invitation.candidateName,
      assessment: { title: invitation.assessment.title, level: invitation.assessment.level, port: invitation.assessment.port, readinessPath: invitation.assessment.readinessPath },
      clock: clockSummary(clock, now),
      briefHtml: docs.briefHtml,
      contract: docs.contract,
      contractError: docs.contractError,
      attempts: attempts.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
      uploadBlocked: refusal && refusal !== "not-started" ? UPLOAD_REFUSAL_MESSAGES[refusal] : null,
      feedbackReleased: Boolean(invitation.feedbackReleasedAt),
      maxMegabytes: Math.floor(getConfig().UPLOAD_MAX_BYTES / 1024 / 1024),
    },
    { headers: NO_STORE_HEADERS },
  );
}

type ActionResult = { error: string; target: "start" | "upload" };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const invitation = await requireCandidate(params.token);
  if (!isMultipart(request.headers.get("content-type"))) {
    const form = await readForm(request);
    if (form.get("intent") !== "start") return data<ActionResult>({ error: "Unknown action.", target: "start" }, { status: 400 });
    const started = await startAssessment(invitation);
    if (!started.ok) return data<ActionResult>({ error: started.message, target: "start" }, { status: 409 });
    return redirect(`/c/${params.token}`);
  }
  // Refuse before reading a byte of the body when the upload could not be accepted anyway; the
  // unread body means this connection cannot carry another request.
  const refusal = uploadRefusal(clockOf(invitation, await attemptsUsed(invitation.id)), new Date());
  if (refusal) {
    return data<ActionResult>({ error: UPLOAD_REFUSAL_MESSAGES[refusal], target: "upload" }, { status: refusal === "not-started" ? 409 : 403, headers: { Connection: "close" } });
  }
  try {
    const file = await receiveArchive(request);
    const unrunnable = await unrunnableReason(file.tempPath).catch(async (error: unknown) => {
      await rm(file.tempPath, { force: true });
      throw error;
    });
    if (unrunnable) {
      await rm(file.tempPath, { force: true });
      return data<ActionResult>({ error: unrunnableMessage(unrunnable), target: "upload" }, { status: 422 });
    }
    const submissionId = await storeSubmission(invitation, file);
    const log = logger().child({ reqId: context.requestId, submissionId });
    try {
      await enqueueGrading(submissionId, context.requestId || undefined);
      log.info("submission stored and queued for grading");
    } catch (error) {
      // The row is the source of truth; the reconciler enqueues QUEUED submissions without a job.
      log.error({ err: error }, "submission stored; queueing it failed, the reconciler will queue it");
    }
    return redirect(`/c/${params.token}/submissions/${submissionId}`);
  } catch (error) {
    if (error instanceof UploadRefused) {
      return data<ActionResult>({ error: error.message, target: "upload" }, { status: error.status, headers: error.closeConnection ? { Connection: "close" } : undefined });
    }
    throw error;
  }
}

function utc(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

export default function CandidateLanding() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const base = `/c/${useParams().token}`;
  const { clock } = page;
  const timeUp = new Date(clock.deadline) <= new Date(clock.now);
  return (
    <main className="container" id="main">
      <header className="candidate-header">
        <h1>{page.assessment.title}</h1>
        <p className="muted">
          For {page.candidateName}
          {page.context.company ? ` · ${page.context.company}` : ""}
          {page.context.role ? ` · ${page.context.role}` : ""}
        </p>
      </header>

      <AboutSection context={page.context} />

      <section className="card" aria-labelledby="facts-heading">
        <h2 id="facts-heading">Your assessment</h2>
        <dl className="facts">
          <dt>Time limit</dt>
          <dd>
            {clock.timeLimitMinutes} minutes from when you press Start, and never after {utc(clock.inviteDeadline)}
          </dd>
          <dt>{clock.started ? "Time left" : "Start before"}</dt>
          <dd>
            {clock.started ? (
              <>
                <Countdown deadline={clock.deadline} serverNow={clock.now} /> (ends {utc(clock.deadline)})
              </>
            ) : (
              utc(clock.inviteDeadline)
            )}
          </dd>
          <dt>Attempts left</dt>
          <dd>
            {clock.attemptsLeft} of {clock.attemptLimit}
          </dd>
          <dt>Which attempt counts</dt>
          <dd>
            Your latest graded attempt: each upload replaces the one before. An upload that cannot run at all is refused straight away and does not
            use an attempt, and neither does one that fails through a fault on our side.
          </dd>
          <dt>Your service</dt>
          <dd>
            listens on port {page.assessment.port}; readiness is checked at <code>{page.assessment.readinessPath}</code>
          </dd>
        </dl>
        <p>
          <a className="button secondary" href={`${base}/starter`} download>
            Download the starter (.zip)
          </a>{" "}
          <a className="button secondary" href={`${base}/contract`} download>
            Download the contract (openapi.yaml)
          </a>{" "}
          <span className="muted">
            The starter includes the brief, the contract and check.mjs: run <code>node check.mjs http://localhost:{page.assessment.port}</code> to run
            the public tests yourself (CHECK.md explains its output).
          </span>
        </p>
        {page.feedbackReleased ? (
          <p>
            <Link to={`${base}/feedback`}>Read your feedback</Link>
          </p>
        ) : null}
      </section>

      {!clock.started && !timeUp ? (
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="start" />
          <h2>Ready?</h2>
          <p>Read the brief and the contract first; you can download the starter now. Pressing Start begins your {clock.timeLimitMinutes}-minute clock.</p>
          {result?.target === "start" ? (
            <p className="form-error" role="alert">
              {result.error}
            </p>
          ) : null}
          <button type="submit" disabled={navigation.state === "submitting"}>
            Start the assessment
          </button>
        </Form>
      ) : null}

      {page.uploadBlocked ? (
        <p className="form-error" role="alert">
          {page.uploadBlocked}
        </p>
      ) : clock.started ? (
        <UploadForm maxMegabytes={page.maxMegabytes} error={result?.target === "upload" ? result.error : undefined} />
      ) : result?.target === "upload" ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}

      {page.attempts.length > 0 ? (
        <section aria-labelledby="attempts-heading">
          <h2 id="attempts-heading">Your attempts</h2>
          <ul>
            {page.attempts.map((attempt) => (
              <li key={attempt.id}>
                <Link to={`${base}/submissions/${attempt.id}`}>Attempt {attempt.attempt}</Link> — uploaded {utc(attempt.createdAt)} — {attempt.status.toLowerCase()}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="brief-heading">
        <h2 id="brief-heading">Brief</h2>
        <div className="card brief" dangerouslySetInnerHTML={{ __html: page.briefHtml }} />
      </section>

      <section aria-labelledby="contract-heading">
        <h2 id="contract-heading">API contract</h2>
        {page.contract ? <ContractSection view={page.contract} /> : <p className="form-error">The contract could not be shown: {page.contractError}</p>}
      </section>
    </main>
  );
}

export { CandidateErrorPage as ErrorBoundary } from "~/components/error-page";
