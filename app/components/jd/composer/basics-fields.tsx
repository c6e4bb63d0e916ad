import { LEVEL_LABELS, LEVELS } from "~/domain/catalog/levels";
import { EMPLOYMENT_TYPE_LABELS, EMPLOYMENT_TYPES, LIMITS, REMOTE_POLICIES, REMOTE_POLICY_LABELS, SALARY_PERIOD_LABELS, SALARY_PERIODS } from "~/domain/jd/document";
import { inheritedFields, type OrganisationProfile } from "~/domain/jd/organisation";
import { Select, TextArea, TextInput, type Errors, type Values } from "./inputs";

interface Props {
  values: Values;
  errors: Errors;
  assessments: { id: string; title: string; level: string }[];
  profile: OrganisationProfile;
}

/** Title, company, location, salary and the free text: everything above the item sections. */
export function BasicsFields({ values, errors, assessments, profile }: Props) {
  const common = { values, errors };
  const inherited = inheritedFields(profile);
  return (
    <>
      <fieldset className="card">
        <legend>Basics</legend>
        <TextInput name="title" label="Job title" required maxLength={LIMITS.title} {...common} />
        <div className="two-col">
          <Select name="level" label="Level" options={LEVELS.map((l) => [l, LEVEL_LABELS[l]])} {...common} />
          <Select name="employmentType" label="Employment type" options={EMPLOYMENT_TYPES.map((t) => [t, EMPLOYMENT_TYPE_LABELS[t]])} {...common} />
          <TextInput name="team" label="Team" {...common} />
          <TextInput name="company.name" label="Company" inherited={inherited["company.name"]} {...common} />
          <TextInput name="company.website" label="Company website" type="url" placeholder="https://" inherited={inherited["company.website"]} {...common} />
          <Select
            name="assessmentId"
            label="Linked assessment"
            options={[["", "None"], ...assessments.map((a): [string, string] => [a.id, `${a.title} (${a.level.toLowerCase()})`])]}
            {...common}
          />
        </div>
      </fieldset>
      <fieldset className="card">
        <legend>Location</legend>
        <div className="two-col">
          <Select name="location.remotePolicy" label="Remote policy" options={REMOTE_POLICIES.map((p) => [p, REMOTE_POLICY_LABELS[p]])} {...common} />
          <TextInput
            name="location.applicantCountries"
            label="Remote applicants may live in"
            hint="Country codes, e.g. PL, DE. Required for remote jobs."
            {...common}
          />
          <TextInput name="location.streetAddress" label="Street address" {...common} />
          <TextInput name="location.city" label="City" inherited={inherited["location.city"]} {...common} />
          <TextInput name="location.postalCode" label="Postal code" {...common} />
          <TextInput name="location.region" label="Region" {...common} />
          <TextInput name="location.country" label="Country code" hint="Two letters, e.g. PL" maxLength={2} inherited={inherited["location.country"]} {...common} />
        </div>
      </fieldset>
      <fieldset className="card">
        <legend>Salary</legend>
        <p className="hint">Leave both amounts empty for no range (the quality panel will remind you; publishing needs one).</p>
        <div className="two-col">
          <TextInput name="salary.min" label="From" inputMode="numeric" {...common} />
          <TextInput name="salary.max" label="To" inputMode="numeric" {...common} />
          <TextInput name="salary.currency" label="Currency" hint="Three letters, e.g. EUR" maxLength={3} {...common} />
          <Select name="salary.period" label="Per" options={SALARY_PERIODS.map((p) => [p, SALARY_PERIOD_LABELS[p]])} {...common} />
        </div>
      </fieldset>
      <fieldset className="card">
        <legend>Text</legend>
        <TextArea name="summary" label="Summary" rows={5} {...common} />
        <TextArea name="aboutCompany" label="About the company" inherited={inherited.aboutCompany} {...common} />
        <TextArea name="benefits" label="Benefits" hint="One per line." {...common} />
        <TextArea name="howToApply" label="How to apply" rows={3} {...common} />
        <TextInput
          name="applyTo"
          label="Apply at"
          hint="A web address (https://…) or an e-mail address: the apply button on the public page and the link in the PDF."
          inherited={inherited.applyTo}
          {...common}
        />
        <TextInput name="validThrough" label="Applications close on" type="date" {...common} />
      </fieldset>
    </>
  );
}
