import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef } from "react";
import { CreatedLinks } from "~/components/candidate/created-links";
import { requirePermission } from "~/lib/auth.server";
import { assessmentsByJd } from "~/lib/invitation-duplicates.server";
import { importInvitations } from "~/lib/invitation-import.server";
import { defaultDeadlineInput, formOptions } from "~/lib/invitations.server";
import { Field } from "~/components/field";
import { JobDescriptionField } from "~/components/invitations/job-description-field";
import { CSV_MAX_BYTES, CSV_MAX_ROWS } from "~/domain/invitations/csv";

export const meta: MetaFunction = () => [{ title: "Invite from CSV · Hirekit" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "invitation:manage");
  const [options, jdAssessments] = await Promise.all([formOptions(), assessmentsByJd()]);
  return { ...options, jdAssessments, defaultDeadline: defaultDeadlineInput() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "invitation:manage");
  const result = await importInvitations(user.id, request);
  return data(result, { status: result.ok ? 200 : result.status });
}

export default function ImportInvitations() {
  const { assessments, jobDescriptions, jdAssessments, defaultDeadline } = useLoaderData<typeof loader>();
  const assessmentSelect = useRef<HTMLSelectElement>(null);
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: Record<string, string | undefined> = result && !result.ok ? result.errors : {};
  return (
    <main className="container" id="main">
      <p>
        <Link to="/invitations">← Invitations</Link>
      </p>
      <h1>Invite candidates from a CSV file</h1>
      <p>
        The first row names the columns <code>name,email</code> and optionally <code>deadline</code> (a date like 2030-01-31, or a date and
        time in UTC). Rows without a deadline get the one below. At most {CSV_MAX_ROWS} rows and {CSV_MAX_BYTES / 1024} KB per file. Rows with
        problems are listed and skipped; the others are invited.
      </p>
      {result?.ok ? (
        <>
          <CreatedLinks {...result.outcome} />
          {result.rowErrors.length > 0 ? (
            <section className="form-error" role="alert" aria-labelledby="row-errors">
              <h2 id="row-errors">{`${result.rowErrors.length} row${result.rowErrors.length === 1 ? " was" : "s were"} skipped`}</h2>
              <ul>
                {result.rowErrors.map((row) => (
                  <li key={row.line}>{`Line ${row.line}: ${row.message}`}</li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="card" noValidate>
        <Field name="file" id="file" label="CSV file" error={errors.file}>
          {(props) => <input {...props} type="file" accept=".csv,text/csv" required />}
        </Field>
        <Field name="assessmentId" id="assessmentId" label="Assessment" error={errors.assessmentId}>
          {(props) => (
            <select {...props} ref={assessmentSelect}>
              {assessments.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title} ({a.level.toLowerCase()})
                </option>
              ))}
            </select>
          )}
        </Field>
        <JobDescriptionField jobDescriptions={jobDescriptions} jdAssessments={jdAssessments} assessmentSelect={assessmentSelect} />
        <Field name="deadline" id="deadline" label="Default deadline (UTC)" error={errors.deadline}>
          {(props) => <input {...props} type="date" required defaultValue={defaultDeadline} />}
        </Field>
        <div className="field">
          <label>
            <input type="checkbox" name="reinvite" /> Invite people who already have an open invitation to this assessment
          </label>
          <p className="hint">Otherwise their rows are skipped and listed with the reason.</p>
        </div>
        <button type="submit" disabled={navigation.state === "submitting"}>
          Import and invite
        </button>
      </Form>
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
