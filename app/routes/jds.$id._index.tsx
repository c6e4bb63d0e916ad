import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { z } from "zod";
import { Field } from "~/components/jd/field";
import { fieldId } from "~/components/jd/field-id";
import { QualityPanel } from "~/components/jd/quality-panel";
import { COMPETENCY_NAMES } from "~/domain/jd/competency-names";
import { COMPETENCY_IDS } from "~/domain/catalog/competency-ids";
import { LEVEL_LABELS, LEVELS } from "~/domain/catalog/levels";
import { isRetired, type CatalogItem } from "~/domain/catalog/model";
import {
  EMPLOYMENT_TYPE_LABELS,
  EMPLOYMENT_TYPES,
  LIMITS,
  REMOTE_POLICIES,
  REMOTE_POLICY_LABELS,
  SALARY_PERIOD_LABELS,
  SALARY_PERIODS,
  type JdDocument,
  type JdSection,
} from "~/domain/jd/document";
import { checkQuality, type QualityReport } from "~/domain/quality/check";
import { requirePermission } from "~/lib/auth.server";
import { loadCatalog } from "~/lib/catalog.server";
import { docFromForm, formValues, headingField, itemField, parseStructure, type ComposerStructure } from "~/lib/jd/composer-form";
import { composerAction } from "~/lib/jd/composer.server";
import { orHttpError } from "~/lib/jd/http.server";
import { getJd, JdError, listAssessmentsForJd, setJdStatus } from "~/lib/jd/store.server";
import { JOB_STATUSES, STATUS_LABELS } from "~/lib/jd/statuses";
import { can } from "~/lib/permissions";
import styles from "~/styles/jd.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.doc.title ?? "Job description"} · Composer · Hirekit` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "jd:read");
  if (!can(user.role, "jd:edit")) throw redirect(`/jds/${params.id}/preview`);
  const [{ jd, version }, catalog, assessments] = await Promise.all([orHttpError(getJd(params.id!)), loadCatalog(), listAssessmentsForJd()]);
  return {
    jd,
    doc: version.content,
    catalogItems: catalog.items.filter((item) => !isRetired(item)),
    assessments,
    canPublish: can(user.role, "jd:publish"),
  };
}

const StatusIntent = z.templateLiteral(["status:", z.enum(JOB_STATUSES)]);

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const status = StatusIntent.safeParse(form.get("intent"));
  if (status.success) {
    const user = await requirePermission(request, "jd:publish");
    const target = status.data.slice("status:".length) as (typeof JOB_STATUSES)[number];
    try {
      await setJdStatus(user.id, params.id!, target);
    } catch (error) {
      if (error instanceof JdError && error.status !== 404) {
        return data({ kind: "status" as const, message: error.message, details: error.details }, { status: error.status });
      }
      throw error;
    }
    return redirect(`/jds/${params.id}?status=${target}`);
  }
  const user = await requirePermission(request, "jd:edit");
  const result = await orHttpError(composerAction(user.id, params.id!, form));
  if (result.kind === "saved") return redirect(`/jds/${params.id}?saved=${result.number}`);
  const focus = focusAfter(String(form.get("intent")), result.doc, parseStructure(form.get("structure")));
  return data({ ...result, focus }, { status: Object.keys(result.errors).length > 0 ? 400 : 200 });
}

/** After a button round trip, keep keyboard focus where the person was working. */
function focusAfter(intent: string, doc: JdDocument, before: ComposerStructure | null): string | null {
  const [action, argument] = intent.split(":");
  if ((action === "move-up" || action === "move-down") && argument) return fieldId(`${action}.${argument}`);
  if (action === "add-custom" || action === "add-catalog") {
    const last = doc.sections.find((s) => s.kind === argument)?.items.at(-1);
    return last ? fieldId(itemField(last.id)) : null;
  }
  if (action === "remove" && argument) {
    const section = before?.sections.find((s) => s.items.some((item) => item.id === argument));
    return section ? fieldId(`section.${section.kind}`) : null;
  }
  return null;
}

export default function Composer() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const draft = result && "doc" in result ? result : null;
  const doc = draft?.doc ?? loaded.doc;
  const baseVersion = draft?.baseVersion ?? loaded.jd.currentVersion;
  const errors: Record<string, string | undefined> = draft?.errors ?? {};
  const values = useMemo(() => formValues(doc), [doc]);
  // The panel follows the form as it is typed in; a new document from the server resets it.
  const [edited, setEdited] = useState<{ base: JdDocument; report: QualityReport } | null>(null);
  const savedReport = useMemo(() => checkQuality(doc), [doc]);
  const report = edited && edited.base === doc ? edited.report : savedReport;
  useEffect(() => {
    const target = draft?.focus ? document.getElementById(draft.focus) : null;
    (target && !(target as HTMLButtonElement).disabled ? target : document.getElementById(fieldId("form-status")))?.focus();
  }, [draft]);
  const busy = navigation.state !== "idle";
  const saved = searchParams.get("saved");
  const statusChanged = searchParams.get("status");

  return (
    <main className="container" id="main">
      <p>
        <Link to="/jds">← Job descriptions</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{doc.title || "Untitled job description"}</h1>
          <p className="muted">
            <span className={`status ${loaded.jd.status.toLowerCase()}`}>{STATUS_LABELS[loaded.jd.status]}</span> · Saved version{" "}
            {loaded.jd.currentVersion}
            {draft ? " · Unsaved changes" : ""}
          </p>
        </div>
        <nav className="actions" aria-label="This job description">
          <Link to={`/jds/${loaded.jd.id}/preview`}>Preview</Link>
          <Link to={`/jds/${loaded.jd.id}/history`}>History</Link>
          <a href={`/jds/${loaded.jd.id}/export/pdf`}>PDF</a>
          <a href={`/jds/${loaded.jd.id}/export/md`}>Markdown</a>
          <a href={`/jds/${loaded.jd.id}/export/jsonld`}>JSON-LD</a>
        </nav>
      </div>
      <div id={fieldId("form-status")} tabIndex={-1} aria-live="polite">
        {saved && !draft ? <p className="notice">Saved as version {saved}.</p> : null}
        {statusChanged && !result ? <p className="notice">Status changed to {STATUS_LABELS[statusChanged as "DRAFT"] ?? statusChanged}.</p> : null}
        {errors.form ? (
          <div className="form-error" role="alert">
            <p>{errors.form}</p>
            {draft?.details?.length ? (
              <ul>
                {draft.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : draft?.message ? (
          <p className="notice">{draft.message}</p>
        ) : null}
      </div>
      <div className="composer-grid">
        <Form
          method="post"
          noValidate
          key={JSON.stringify(values)}
          onChange={(event) => setEdited({ base: doc, report: checkQuality(docFromForm(new FormData(event.currentTarget), doc)) })}
        >
          {/* Enter in a text field submits the form's first button: make that a harmless check. */}
          <button type="submit" name="intent" value="check" className="sr-only" tabIndex={-1} aria-hidden="true">
            Check
          </button>
          <input type="hidden" name="structure" value={values.structure} />
          <input type="hidden" name="baseVersion" value={baseVersion} />
          <BasicsFields values={values} errors={errors} assessments={loaded.assessments} />
          {doc.sections.map((section) => (
            <SectionEditor key={section.kind} section={section} doc={doc} catalogItems={loaded.catalogItems} errors={errors} values={values} />
          ))}
          <SeoFields values={values} errors={errors} />
          <div className="card save-bar">
            <Field name="note" label="Version note (optional)">
              {(props) => <input {...props} maxLength={200} placeholder="What changed?" />}
            </Field>
            <button type="submit" name="intent" value="save" disabled={busy}>
              Save version {baseVersion + 1}
            </button>
            <button type="submit" name="intent" value="check" className="secondary" disabled={busy}>
              Check for errors
            </button>
            {draft ? <Link to={`/jds/${loaded.jd.id}`}>Discard changes</Link> : null}
          </div>
        </Form>
        <aside className="composer-side" aria-label="Quality and publishing">
          <QualityPanel report={report} />
          <StatusBox jd={loaded.jd} canPublish={loaded.canPublish} result={result && "kind" in result && result.kind === "status" ? result : null} />
        </aside>
      </div>
    </main>
  );
}

type Values = Record<string, string>;
type Errors = Record<string, string | undefined>;

function TextInput({ name, label, values, errors, hint, ...rest }: { name: string; label: string; values: Values; errors: Errors; hint?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field name={name} label={label} error={errors[name]} hint={hint}>
      {(props) => <input {...props} {...rest} defaultValue={values[name]} />}
    </Field>
  );
}

function TextArea({ name, label, values, errors, hint, rows = 4 }: { name: string; label: string; values: Values; errors: Errors; hint?: string; rows?: number }) {
  return (
    <Field name={name} label={label} error={errors[name]} hint={hint}>
      {(props) => <textarea {...props} rows={rows} defaultValue={values[name]} />}
    </Field>
  );
}

function Select({ name, label, values, errors, options }: { name: string; label: string; values: Values; errors: Errors; options: [string, string][] }) {
  return (
    <Field name={name} label={label} error={errors[name]}>
      {(props) => (
        <select {...props} defaultValue={values[name]}>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function BasicsFields({ values, errors, assessments }: { values: Values; errors: Errors; assessments: { id: string; title: string; level: string }[] }) {
  const common = { values, errors };
  return (
    <>
      <fieldset className="card">
        <legend>Basics</legend>
        <TextInput name="title" label="Job title" required maxLength={LIMITS.title} {...common} />
        <div className="two-col">
          <Select name="level" label="Level" options={LEVELS.map((l) => [l, LEVEL_LABELS[l]])} {...common} />
          <Select name="employmentType" label="Employment type" options={EMPLOYMENT_TYPES.map((t) => [t, EMPLOYMENT_TYPE_LABELS[t]])} {...common} />
          <TextInput name="team" label="Team" {...common} />
          <TextInput name="company.name" label="Company" {...common} />
          <TextInput name="company.website" label="Company website" type="url" placeholder="https://" {...common} />
          <Select name="assessmentId" label="Linked assessment" options={[["", "None"], ...assessments.map((a): [string, string] => [a.id, `${a.title} (${a.level.toLowerCase()})`])]} {...common} />
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
          <TextInput name="location.city" label="City" {...common} />
          <TextInput name="location.postalCode" label="Postal code" {...common} />
          <TextInput name="location.region" label="Region" {...common} />
          <TextInput name="location.country" label="Country code" hint="Two letters, e.g. PL" maxLength={2} {...common} />
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
        <TextArea name="aboutCompany" label="About the company" {...common} />
        <TextArea name="benefits" label="Benefits" hint="One per line." {...common} />
        <TextArea name="howToApply" label="How to apply" rows={3} {...common} />
        <TextInput name="validThrough" label="Applications close on" type="date" {...common} />
      </fieldset>
    </>
  );
}

function SectionEditor({ section, doc, catalogItems, errors, values }: { section: JdSection; doc: JdDocument; catalogItems: CatalogItem[]; errors: Errors; values: Values }) {
  const used = new Set(doc.sections.flatMap((s) => s.items.map((i) => i.source?.catalogItemId)).filter(Boolean));
  const available = catalogItems.filter((item) => item.kind === section.kind && !used.has(item.id));
  const forLevel = available.filter((item) => item.levels.includes(doc.level));
  const others = available.filter((item) => !item.levels.includes(doc.level));
  const headingName = headingField(section.kind);
  return (
    <fieldset className="card" id={fieldId(`section.${section.kind}`)} tabIndex={-1}>
      <legend>{section.heading}</legend>
      <Field name={headingName} label="Section heading" error={errors[headingName]}>
        {(props) => <input {...props} defaultValue={values[headingName]} />}
      </Field>
      {section.items.length === 0 ? <p className="muted">No items yet.</p> : null}
      <ol className="item-list">
        {section.items.map((item, index) => {
          const name = itemField(item.id);
          const label = `${section.heading}, item ${index + 1}`;
          return (
            <li key={item.id}>
              <Field name={name} label={label} error={errors[name]} hideLabel>
                {(props) => <textarea {...props} rows={2} defaultValue={values[name]} className="item-text" />}
              </Field>
              <div className="item-meta">
                <span className="tag">{item.competencyId ? COMPETENCY_NAMES[item.competencyId] : "No competency"}</span>
                <span className="muted">{item.source ? "From the catalog" : "Custom"}</span>
              </div>
              <div className="item-actions">
                <button type="submit" name="intent" value={`move-up:${item.id}`} id={fieldId(`move-up.${item.id}`)} className="secondary" disabled={index === 0} aria-label={`Move ${label} up`}>
                  ↑ Up
                </button>
                <button
                  type="submit"
                  name="intent"
                  value={`move-down:${item.id}`}
                  id={fieldId(`move-down.${item.id}`)}
                  className="secondary"
                  disabled={index === section.items.length - 1}
                  aria-label={`Move ${label} down`}
                >
                  ↓ Down
                </button>
                <button type="submit" name="intent" value={`remove:${item.id}`} className="secondary" aria-label={`Remove ${label}`}>
                  Remove
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      {available.length > 0 ? (
        <div className="add-row">
          <Field name={`catalog.${section.kind}`} label="Add from the catalog" error={errors[`catalog.${section.kind}`]}>
            {(props) => (
              <select {...props} defaultValue="">
                <option value="">Choose an item…</option>
                {forLevel.length > 0 ? (
                  <optgroup label={`Suits ${LEVEL_LABELS[doc.level].toLowerCase()}`}>
                    {forLevel.map((item) => (
                      <option key={item.id} value={item.id}>
                        {item.text}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
                {others.length > 0 ? (
                  <optgroup label="Other levels">
                    {others.map((item) => (
                      <option key={item.id} value={item.id}>
                        {item.text}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
              </select>
            )}
          </Field>
          <button type="submit" name="intent" value={`add-catalog:${section.kind}`} className="secondary">
            Add
          </button>
        </div>
      ) : null}
      <div className="add-row custom">
        <Field name={`custom.${section.kind}`} label="Add your own item">
          {(props) => <input {...props} maxLength={LIMITS.itemText} />}
        </Field>
        <Field name={`customCompetency.${section.kind}`} label="Competency">
          {(props) => (
            <select {...props} defaultValue="">
              <option value="">None</option>
              {COMPETENCY_IDS.map((id) => (
                <option key={id} value={id}>
                  {COMPETENCY_NAMES[id]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" name="intent" value={`add-custom:${section.kind}`} className="secondary">
          Add
        </button>
      </div>
    </fieldset>
  );
}

function SeoFields({ values, errors }: { values: Values; errors: Errors }) {
  const [meta, setMeta] = useState(values["seo.metaDescription"] ?? "");
  const over = meta.length > LIMITS.metaDescription;
  return (
    <fieldset className="card">
      <legend>Search engines</legend>
      <TextInput name="seo.slug" label="Slug" hint="The public address: /jobs/<slug>" values={values} errors={errors} />
      <Field name="seo.metaDescription" label="Meta description" error={errors["seo.metaDescription"]}>
        {(props) => (
          <>
            <textarea {...props} rows={2} defaultValue={values["seo.metaDescription"]} onChange={(e) => setMeta(e.currentTarget.value)} />
            <span className={`char-count${over ? " over" : ""}`} aria-live="polite">
              {meta.length} of {LIMITS.metaDescription} characters
            </span>
          </>
        )}
      </Field>
      <TextInput name="seo.keywords" label="Keywords" hint="Comma-separated" values={values} errors={errors} />
      <button type="submit" name="intent" value="suggest-seo" className="secondary">
        Suggest from the text
      </button>
    </fieldset>
  );
}

function StatusBox({
  jd,
  canPublish,
  result,
}: {
  jd: { id: string; slug: string; status: (typeof JOB_STATUSES)[number]; currentVersion: number };
  canPublish: boolean;
  result: { message: string; details: string[] } | null;
}) {
  return (
    <section className="card status-box" aria-labelledby="status-heading">
      <h2 id="status-heading">Publishing</h2>
      <p>
        Status: <span className={`status ${jd.status.toLowerCase()}`}>{STATUS_LABELS[jd.status]}</span>
      </p>
      {jd.status === "PUBLISHED" ? (
        <p>
          Live at <Link to={`/jobs/${jd.slug}`}>/jobs/{jd.slug}</Link>
        </p>
      ) : null}
      <p className="hint">Status changes use the saved version ({jd.currentVersion}); save your edits first.</p>
      {result ? (
        <div className="form-error" role="alert">
          <p>{result.message}</p>
          <ul>
            {result.details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {canPublish ? (
        <Form method="post" className="actions">
          {jd.status !== "PUBLISHED" ? (
            <button type="submit" name="intent" value="status:PUBLISHED">
              Publish
            </button>
          ) : null}
          {jd.status !== "DRAFT" ? (
            <button type="submit" name="intent" value="status:DRAFT" className="secondary">
              Back to draft
            </button>
          ) : null}
          {jd.status !== "ARCHIVED" ? (
            <button type="submit" name="intent" value="status:ARCHIVED" className="secondary">
              Archive
            </button>
          ) : null}
        </Form>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
