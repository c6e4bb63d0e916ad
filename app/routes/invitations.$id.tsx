import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CreatedLinks } from "~/components/candidate/created-links";
import { clockOf } from "~/domain/invitations/clock";
import { eventLabel } from "~/domain/invitations/event-labels";
import { chargedAttempts } from "~/domain/invitations/grading-faults";
import { effectiveDeadline, INVITATION_STATUS_LABELS, invitationStatus } from "~/domain/invitations/state";
import { assertPermission, requirePermission, requireUser } from "~/lib/auth.server";
import { fieldErrors } from "~/lib/forms";
import { ExtraTimeForm, setExtraTime } from "~/lib/invitation-accommodations.server";
import {
  ExtendForm,
  getInvitation,
  InvitationError,
  InvitationIdForm,
  extendInvitation,
  releaseFeedback,
  resendInvitation,
  revokeInvitation,
  type CreateOutcome,
} from "~/lib/invitations.server";
import { can } from "~/lib/permissions";
import { Field } from "~/components/field";
import { readFormObject } from "~/lib/form-data.server";

export const meta: MetaFunction = () => [{ title: "Invitation · Hirekit" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "invitation:manage");
  const found = await getInvitation(params.id ?? "");
  if (!found) throw data("There is no such invitation.", { status: 404, statusText: "Not Found" });
  const { invitation, history } = found;
  const now = new Date();
  const clock = clockOf(invitation, chargedAttempts(invitation.submissions), now);
  return {
    invitation,
    history,
    status: invitationStatus(clock, now),
    effectiveDeadline: effectiveDeadline(clock).toISOString(),
    canRelease: can(user.role, "feedback:release"),
  };
}

type ActionResult = { intent: string; errors: Record<string, string>; outcome?: CreateOutcome; done?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readFormObject(request);
  const intent = String(form.intent ?? "");
  assertPermission(user, intent === "release-feedback" ? "feedback:release" : "invitation:manage");
  const ids = InvitationIdForm.safeParse({ invitationId: params.id });
  if (!ids.success) return data<ActionResult>({ intent, errors: { form: "Unknown invitation." } }, { status: 400 });
  const id = ids.data.invitationId;
  try {
    switch (intent) {
      case "revoke":
        await revokeInvitation(user.id, id);
        return data<ActionResult>({ intent, errors: {}, done: "The invitation is revoked; its link no longer works." });
      case "extend": {
        const parsed = ExtendForm.safeParse({ invitationId: id, deadline: form.deadline });
        if (!parsed.success) return data<ActionResult>({ intent, errors: fieldErrors(parsed.error) }, { status: 400 });
        await extendInvitation(user.id, id, parsed.data.deadline);
        return data<ActionResult>({ intent, errors: {}, done: "The deadline is extended." });
      }
      case "extra-time": {
        const parsed = ExtraTimeForm.safeParse({ extraMinutes: form.extraMinutes });
        if (!parsed.success) return data<ActionResult>({ intent, errors: fieldErrors(parsed.error) }, { status: 400 });
        await setExtraTime(user.id, id, parsed.data.extraMinutes);
        return data<ActionResult>({
          intent,
          errors: {},
          done: parsed.data.extraMinutes === 0 ? "Extra time removed." : `The candidate now has ${parsed.data.extraMinutes} extra minutes.`,
        });
      }
      case "resend": {
        const outcome = await resendInvitation(user.id, id);
        return data<ActionResult>({ intent, errors: {}, outcome, done: "A new link was issued; the previous link no longer works." });
      }
      case "release-feedback":
        await releaseFeedback(user.id, id);
        return data<ActionResult>({ intent, errors: {}, done: "Feedback is released: the candidate can now open it from their link." });
      default:
        return data<ActionResult>({ intent, errors: { form: "Unknown action." } }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof InvitationError) return data<ActionResult>({ intent, errors: { form: error.message } }, { status: 409 });
    throw error;
  }
}

function utc(value: string | Date | null): string {
  return value ? `${new Date(value).toISOString().slice(0, 16).replace("T", " ")} UTC` : "—";
}

export default function InvitationDetail() {
  const { invitation, history, status, effectiveDeadline: deadline, canRelease } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = result?.errors ?? {};
  const revoked = Boolean(invitation.revokedAt);
  const hasGraded = invitation.submissions.some((s) => s.status === "GRADED");
  return (
    <main className="container" id="main">
      <p>
        <Link to="/invitations">← Invitations</Link>
      </p>
      <h1>
        {invitation.candidateName} <span className="muted">({invitation.candidateEmail})</span>
      </h1>
      {result?.done ? (
        <p className="notice" role="status">
          {result.done}
        </p>
      ) : null}
      {result?.outcome ? <CreatedLinks {...result.outcome} /> : null}
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <dl className="card facts">
        <dt>Status</dt>
        <dd>{INVITATION_STATUS_LABELS[status]}</dd>
        <dt>Assessment</dt>
        <dd>{invitation.assessment.title}</dd>
        <dt>Job description</dt>
        <dd>{invitation.jobDescription ? <Link to={`/jds/${invitation.jobDescription.id}`}>{invitation.jobDescription.title}</Link> : "—"}</dd>
        <dt>Deadline</dt>
        <dd>
          {utc(invitation.deadline)}
          {invitation.startedAt ? ` (the candidate's clock ends ${utc(deadline)})` : ""}
        </dd>
        <dt>Time limit</dt>
        <dd>
          {invitation.assessment.timeLimitMinutes} minutes
          {invitation.extraMinutes > 0 ? ` + ${invitation.extraMinutes} extra minutes (accommodation)` : ""}
        </dd>
        <dt>Started</dt>
        <dd>{utc(invitation.startedAt)}</dd>
        <dt>Invited by</dt>
        <dd>
          {invitation.createdBy.name} on {utc(invitation.createdAt)}
        </dd>
        <dt>Feedback</dt>
        <dd>{invitation.feedbackReleasedAt ? `Released ${utc(invitation.feedbackReleasedAt)}` : "Not released"}</dd>
      </dl>

      {!revoked ? (
        <section className="card" aria-labelledby="manage">
          <h2 id="manage">Manage</h2>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="extend" />
            <Field name="deadline" id="deadline" label="New deadline (UTC)" error={errors.deadline}>
              {(props) => <input {...props} type="date" required />}
            </Field>
            <button type="submit" className="secondary" disabled={busy}>
              Extend deadline
            </button>
          </Form>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="extra-time" />
            <Field
              name="extraMinutes"
              id="extraMinutes"
              label="Extra minutes for this candidate"
              error={errors.extraMinutes}
              hint={<>An accommodation on top of the {invitation.assessment.timeLimitMinutes}-minute limit. The deadline above still applies: extend it too if needed.</>}
            >
              {(props) => <input {...props} type="number" min={0} max={1440} step={1} defaultValue={invitation.extraMinutes} />}
            </Field>
            <button type="submit" className="secondary" disabled={busy}>
              Set extra time
            </button>
          </Form>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="resend" />
            <p className="muted">Links are stored only as a hash, so resending issues a new link and the old one stops working.</p>
            <button type="submit" className="secondary" disabled={busy}>
              Resend with a new link
            </button>
          </Form>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="revoke" />
            <button type="submit" className="danger" disabled={busy}>
              Revoke invitation
            </button>
          </Form>
        </section>
      ) : null}

      {canRelease && hasGraded && !invitation.feedbackReleasedAt ? (
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="release-feedback" />
          <p>The candidate will see per-competency feedback for their latest graded attempt, with curl commands for failed public tests. Hidden tests stay counts.</p>
          <button type="submit" disabled={busy}>
            Release feedback to the candidate
          </button>
        </Form>
      ) : null}

      <h2>Attempts</h2>
      {invitation.submissions.length === 0 ? (
        <p className="muted">No uploads yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Attempts</caption>
            <thead>
              <tr>
                <th scope="col">Attempt</th>
                <th scope="col">Uploaded</th>
                <th scope="col">Status</th>
                <th scope="col">Score</th>
              </tr>
            </thead>
            <tbody>
              {invitation.submissions.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/scorecards/${invitation.id}?attempt=${s.attempt}`}>#{s.attempt}</Link>
                  </td>
                  <td>{utc(s.createdAt)}</td>
                  <td>
                    {s.status.toLowerCase()}
                    {s.failureReason ? <div className="muted">{s.failureReason}</div> : null}
                  </td>
                  <td>{s.overallScore === null ? "—" : `${Math.round(s.overallScore * 100)} %`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Emails</h2>
      <ul>
        {invitation.outbox.map((m) => (
          <li key={m.id}>
            {utc(m.createdAt)} — {m.subject} — {m.sentAt ? "sent" : m.error ? `failed: ${m.error}` : <Link to="/invitations/outbox">in the outbox</Link>}
          </li>
        ))}
      </ul>

      <h2>History</h2>
      <ul>
        {history.map((entry) => (
          <li key={entry.id}>
            {utc(entry.createdAt)} — {eventLabel(entry.action)} by {entry.actor?.email ?? "the candidate"}
          </li>
        ))}
      </ul>
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
