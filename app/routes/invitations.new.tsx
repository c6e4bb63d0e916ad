import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef } from "react";
import { CreatedLinks } from "~/components/candidate/created-links";
import { requirePermission } from "~/lib/auth.server";
import { fieldErrors } from "~/lib/forms";
import { assessmentsByJd, duplicateReason, openInvitationsFor } from "~/lib/invitation-duplicates.server";
import { createInvitations, defaultDeadlineInput, formOptions, InvitationError, InviteForm, type CreateOutcome } from "~/lib/invitations.server";
import { Field } from "~/components/field";
import { JobDescriptionField } from "~/components/invitations/job-description-field";
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
            <Field key={name} name={name} id={name} label={label} error={errors[name]}>
              {(props) => <input {...props} type={type} autoComplete={autoComplete} required defaultValue={values[name]} />}
            </Field>
          ))}
          <Field name="assessmentId" id="assessmentId" label="Assessment" error={errors.assessmentId}>
            {(props) => (
              <select {...props} ref={assessmentSelect} defaultValue={values.assessmentId ?? preselected.assessmentId}>
                {assessments.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.title} ({a.level.toLowerCase()})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <JobDescriptionField jobDescriptions={jobDescriptions} jdAssessments={jdAssessments} assessmentSelect={assessmentSelect} defaultValue={values.jobDescriptionId ?? preselected.jobDescriptionId} />
          <Field name="deadline" id="deadline" label="Deadline (UTC; a date means the end of that day)" error={errors.deadline}>
            {(props) => <input {...props} type="date" required defaultValue={values.deadline ?? defaultDeadline} />}
          </Field>
          <button type="submit" disabled={navigation.state === "submitting"}>
            Send invitation
          </button>
        </Form>
      )}
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
