import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef } from "react";
import { CreatedLinks } from "~/components/candidate/created-links";
import { requirePermission } from "~/lib/auth.server";
import { fieldErrors } from "~/lib/forms";
import { assessmentsByJd, duplicateReason, openInvitationsFor } from "~/lib/invitation-duplicates.server";
import { createInvitations, defaultDeadlineInput, formOptions, InvitationError, InviteForm, type CreateOutcome } from "~/lib/invitations.server";
import { readFormObject } from "~/lib/form-data.server";

export const meta: MetaFunction = () => [{ title: "Invite a candidate · Hirekit" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "invitation:manage");
  const params = new URL(request.url).searchParams;
  const [options, jdAssessments] = await Promise.all([formOptions(), assessmentsByJd()]);
  const jobDescriptionId = params.get("jd") ?? "";
  return {
    ...options,
    jdAssessments,
    defaultDeadline: defaultDeadlineInput(),
    preselected: { assessmentId: params.get("assessment") ?? jdAssessments[jobDescriptionId] ?? "", jobDescriptionId },
  };
}

type ActionResult = { errors: Record<string, string>; outcome?: CreateOutcome; values?: Record<string, string>; duplicate?: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "invitation:manage");
  const form = await readFormObject(request);
  const values = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, String(v)]));
  const parsed = InviteForm.safeParse(form);
  if (!parsed.success) return data<ActionResult>({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const { assessmentId, jobDescriptionId, ...invite } = parsed.data;
  if (values.reinvite !== "yes") {
    const open = (await openInvitationsFor(assessmentId, [invite.candidateEmail])).get(invite.candidateEmail.toLowerCase());
    if (open) return data<ActionResult>({ errors: {}, values, duplicate: `${duplicateReason(open)}.` }, { status: 409 });
  }
  try {
    const outcome = await createInvitations(user.id, { assessmentId, jobDescriptionId }, [invite], "form");
    return data<ActionResult>({ errors: {}, outcome });
  } catch (error) {
    if (error instanceof InvitationError) return data<ActionResult>({ errors: { form: error.message }, values }, { status: 409 });
    throw error;
  }
}

export default function NewInvitation() {
  const { assessments, jobDescriptions, jdAssessments, defaultDeadline, preselected } = useLoaderData<typeof loader>();
  const assessmentSelect = useRef<HTMLSelectElement>(null);
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values = result?.values ?? {};
  const describedBy = (name: string) => (errors[name] ? `${name}-error` : undefined);
  return (
    <main className="container" id="main">
      <p>
        <Link to="/invitations">← Invitations</Link>
      </p>
      <h1>Invite a candidate</h1>
      {result?.outcome ? <CreatedLinks {...result.outcome} /> : null}
      {result?.duplicate ? (
        <div className="form-error" role="alert">
          <p>{result.duplicate}</p>
          <Form method="post">
            {Object.entries(values)
              .filter(([name]) => name !== "reinvite")
              .map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
            <input type="hidden" name="reinvite" value="yes" />
            <button type="submit">Invite again anyway</button>
          </Form>
        </div>
      ) : null}
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      {assessments.length === 0 ? (
        <p className="notice">There are no active assessments yet. An admin can sync them from the assessments folder.</p>
      ) : (
        <Form method="post" className="card" noValidate key={result?.outcome ? "done" : "form"}>
          {(
            [
              ["candidateName", "Name", "text", "name"],
              ["candidateEmail", "Email", "email", "email"],
            ] as const
          ).map(([name, label, type, autoComplete]) => (
            <div className="field" key={name}>
              <label htmlFor={name}>{label}</label>
              <input
                id={name}
                name={name}
                type={type}
                autoComplete={autoComplete}
                required
                defaultValue={values[name]}
                aria-invalid={errors[name] ? true : undefined}
                aria-describedby={describedBy(name)}
              />
              {errors[name] ? (
                <p className="field-error" id={`${name}-error`}>
                  {errors[name]}
                </p>
              ) : null}
            </div>
          ))}
          <div className="field">
            <label htmlFor="assessmentId">Assessment</label>
            <select ref={assessmentSelect} id="assessmentId" name="assessmentId" defaultValue={values.assessmentId ?? preselected.assessmentId} aria-describedby={describedBy("assessmentId")}>
              {assessments.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title} ({a.level.toLowerCase()})
                </option>
              ))}
            </select>
            {errors.assessmentId ? (
              <p className="field-error" id="assessmentId-error">
                {errors.assessmentId}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="jobDescriptionId">Job description (optional)</label>
            <p className="hint" id="jobDescriptionId-hint">
              Choosing a job description selects its linked assessment.
            </p>
            <select
              id="jobDescriptionId"
              name="jobDescriptionId"
              aria-describedby="jobDescriptionId-hint"
              defaultValue={values.jobDescriptionId ?? preselected.jobDescriptionId}
              onChange={(event) => {
                const linked = jdAssessments[event.currentTarget.value];
                if (linked && assessmentSelect.current) assessmentSelect.current.value = linked;
              }}
            >
              <option value="">None</option>
              {jobDescriptions.map((jd) => (
                <option key={jd.id} value={jd.id}>
                  {jd.title} ({jd.level.toLowerCase()})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="deadline">Deadline (UTC; a date means the end of that day)</label>
            <input
              id="deadline"
              name="deadline"
              type="date"
              required
              defaultValue={values.deadline ?? defaultDeadline}
              aria-invalid={errors.deadline ? true : undefined}
              aria-describedby={describedBy("deadline")}
            />
            {errors.deadline ? (
              <p className="field-error" id="deadline-error">
                {errors.deadline}
              </p>
            ) : null}
          </div>
          <button type="submit" disabled={navigation.state === "submitting"}>
            Send invitation
          </button>
        </Form>
      )}
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
