import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/field";
import { REMOTE_POLICIES, REMOTE_POLICY_LABELS } from "~/domain/jd/document";
import { LOGO_MAX_BYTES } from "~/domain/jd/organisation";
import { requirePermission } from "~/lib/auth.server";
import { readForm } from "~/lib/form-data.server";
import { getOrganisationProfile, ProfileError, saveOrganisationProfile, type LogoChange } from "~/lib/jd/organisation.server";

export const meta: MetaFunction = () => [{ title: "Organisation profile · Hirekit" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "organisation:edit");
  return { profile: await getOrganisationProfile() };
}

const TEXT_FIELDS = ["companyName", "website", "about", "city", "country", "remotePolicy", "applyTo", "contactEmail", "privacyNoticeUrl"] as const;

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "organisation:edit");
  const form = await readForm(request);
  const input = Object.fromEntries(TEXT_FIELDS.map((name) => [name, String(form.get(name) ?? "")]));
  input.country = input.country!.trim().toUpperCase();
  const file = form.get("logo");
  let logo: LogoChange = { kind: "keep" };
  if (form.get("removeLogo") === "on") logo = { kind: "remove" };
  else if (file instanceof File && file.size > 0) logo = { kind: "replace", bytes: Buffer.from(await file.arrayBuffer()) };
  try {
    await saveOrganisationProfile(admin.id, input, logo);
  } catch (error) {
    if (error instanceof ProfileError) return data({ saved: false, message: error.message, errors: error.fieldErrors, values: input }, { status: 400 });
    throw error;
  }
  return { saved: true, message: "Saved. New job descriptions start from this profile; existing ones keep their own copy.", errors: {}, values: null };
}

export default function OrganisationProfilePage() {
  const { profile } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const values: Record<string, string> = result?.values ?? { ...profile, hasLogo: String(profile.hasLogo) };
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const text = (name: (typeof TEXT_FIELDS)[number], label: string, extra: { hint?: string; type?: string; placeholder?: string } = {}) => (
    <Field name={name} label={label} error={errors[name]} hint={extra.hint}>
      {(props) => <input {...props} type={extra.type ?? "text"} placeholder={extra.placeholder} defaultValue={values[name]} />}
    </Field>
  );
  return (
    <main className="container narrow" id="main">
      <h1>Organisation profile</h1>
      <p>
        Every new job description starts from these details. A job description keeps its own copy and may change any of them; the composer marks
        the fields that differ from this profile.
      </p>
      <div aria-live="polite">
        {result ? (
          <p className={result.saved ? "notice" : "form-error"} role={result.saved ? "status" : "alert"}>
            {result.message}
          </p>
        ) : null}
      </div>
      <Form method="post" encType="multipart/form-data" className="card" noValidate>
        {text("companyName", "Company name")}
        {text("website", "Company website", { type: "url", placeholder: "https://" })}
        <Field name="about" label="About the company" error={errors.about}>
          {(props) => <textarea {...props} rows={5} defaultValue={values.about} />}
        </Field>
        <fieldset>
          <legend>Default location</legend>
          <Field name="remotePolicy" label="Remote policy" error={errors.remotePolicy}>
            {(props) => (
              <select {...props} defaultValue={values.remotePolicy}>
                {REMOTE_POLICIES.map((p) => (
                  <option key={p} value={p}>
                    {REMOTE_POLICY_LABELS[p]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text("city", "City")}
          {text("country", "Country code", { hint: "Two letters, e.g. PL" })}
        </fieldset>
        {text("applyTo", "Apply at", { hint: "A web address (https://…) or an e-mail address. The public job page, the PDF and Google for Jobs link to it." })}
        {text("contactEmail", "Contact address for candidates", { type: "email", hint: "Candidates write here with questions or to ask for accommodations such as extra time." })}
        {text("privacyNoticeUrl", "Privacy notice", { type: "url", placeholder: "https://", hint: "Linked from the candidate pages." })}
        <Field name="logo" label="Logo" error={errors.logo} hint={`PNG or JPEG, at most ${LOGO_MAX_BYTES / 1024} KB. Shown on the public job page and in the PDF.`}>
          {(props) => <input {...props} type="file" accept="image/png,image/jpeg" />}
        </Field>
        {profile.hasLogo ? (
          <div className="field">
            <img src="/organisation/logo" alt="Current logo" className="org-logo" />
            <label>
              <input type="checkbox" name="removeLogo" /> Remove the logo
            </label>
          </div>
        ) : null}
        <button type="submit" disabled={busy}>
          Save profile
        </button>
      </Form>
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
