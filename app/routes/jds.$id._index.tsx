import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { z } from "zod";
import { BasicsFields } from "~/components/jd/composer/basics-fields";
import { SectionEditor } from "~/components/jd/composer/section-editor";
import { SeoFields } from "~/components/jd/composer/seo-fields";
import { StatusBox, type StatusResult } from "~/components/jd/composer/status-box";
import { UnsavedChangesGuard } from "~/components/jd/composer/unsaved-changes";
import { Field } from "~/components/field";
import { fieldId } from "~/components/jd/field-id";
import { QualityPanel } from "~/components/jd/quality-panel";
import { isRetired } from "~/domain/catalog/model";
import type { JdDocument } from "~/domain/jd/document";
import { publishingProblems } from "~/domain/jd/json-ld";
import { checkQuality, wordingFindings, type QualityReport } from "~/domain/quality/check";
import { assertPermission, requirePermission, requireUser } from "~/lib/auth.server";
import { loadCatalog } from "~/lib/catalog.server";
import { docFromForm, formValues, itemField, parseStructure, type ComposerStructure } from "~/lib/jd/composer-form";
import { composerAction } from "~/lib/jd/composer.server";
import { orHttpError } from "~/lib/jd/http.server";
import { getOrganisationProfile } from "~/lib/jd/organisation.server";
import { getJd, listAssessmentsForJd, setJdStatus } from "~/lib/jd/store.server";
import { JOB_STATUSES, STATUS_LABELS } from "~/lib/jd/statuses";
import { can } from "~/lib/permissions";
import styles from "~/styles/jd.css?url";
import { readForm } from "~/lib/form-data.server";
import { HttpError } from "~/lib/http-error";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.doc.title ?? "Job description"} · Composer · Hirekit` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "jd:read");
  if (!can(user.role, "jd:edit")) throw redirect(`/jds/${params.id}/preview`);
  const [{ jd, version }, catalog, assessments, profile] = await Promise.all([
    orHttpError(getJd(params.id!)),
    loadCatalog(),
    listAssessmentsForJd(),
    getOrganisationProfile(),
  ]);
  return {
    jd,
    profile,
    doc: version.content,
    catalogItems: catalog.items.filter((item) => !isRetired(item)),
    assessments,
    canPublish: can(user.role, "jd:publish"),
  };
}

const StatusIntent = z.templateLiteral(["status:", z.enum(JOB_STATUSES)]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const status = StatusIntent.safeParse(form.get("intent"));
  if (status.success) {
    assertPermission(user, "jd:publish");
    const target = status.data.slice("status:".length) as (typeof JOB_STATUSES)[number];
    if (target === "PUBLISHED" && form.get("confirmWarnings") !== "yes") {
      const { version } = await orHttpError(getJd(params.id!));
      const wording = wordingFindings(checkQuality(version.content));
      if (wording.length > 0) {
        const message = `Version ${version.number} has ${wording.length} inclusive-language warning${wording.length === 1 ? "" : "s"}. Publish anyway?`;
        return data<StatusResult>({ kind: "confirm-publish", message, warnings: wording.map((f) => `${f.location.label}: ${f.message}`) }, { status: 409 });
      }
    }
    try {
      await setJdStatus(user.id, params.id!, target);
    } catch (error) {
      if (error instanceof HttpError && error.status !== 404) {
        return data<StatusResult>({ kind: "status", message: error.message, details: error.details }, { status: error.status });
      }
      throw error;
    }
    return redirect(`/jds/${params.id}?status=${target}`);
  }
  assertPermission(user, "jd:edit");
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
  const [edited, setEdited] = useState<{ base: JdDocument; doc: JdDocument; report: QualityReport } | null>(null);
  const savedReport = useMemo(() => checkQuality(doc), [doc]);
  const current = edited && edited.base === doc ? edited : null;
  const report = current?.report ?? savedReport;
  const blocking = useMemo(() => publishingProblems(current?.doc ?? doc, { datePosted: new Date().toISOString().slice(0, 10) }), [current, doc]);
  const dirty = Boolean(draft) || current !== null;
  useEffect(() => {
    const target = draft?.focus ? document.getElementById(draft.focus) : null;
    (target && !(target as HTMLButtonElement).disabled ? target : document.getElementById(fieldId("form-status")))?.focus();
  }, [draft]);
  const busy = navigation.state !== "idle";
  const saved = searchParams.get("saved");
  const statusChanged = searchParams.get("status");

  return (
    <main className="container" id="main">
      <UnsavedChangesGuard dirty={dirty} />
      <p>
        <Link to="/jds">← Job descriptions</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{doc.title || "Untitled job description"}</h1>
          <p className="muted">
            <span className={`status ${loaded.jd.status.toLowerCase()}`}>{STATUS_LABELS[loaded.jd.status]}</span> · Saved version{" "}
            {loaded.jd.currentVersion}
            {dirty ? " · Unsaved changes" : ""}
          </p>
        </div>
        <nav className="actions" aria-label="This job description">
          <Link to={`/jds/${loaded.jd.id}/preview`}>Preview</Link>
          <Link to={`/jds/${loaded.jd.id}/history`}>History</Link>
          {/* Downloads do not leave the page, so they must not trigger the unsaved-changes prompt. */}
          <a href={`/jds/${loaded.jd.id}/jd.pdf`} download>
            PDF
          </a>
          <a href={`/jds/${loaded.jd.id}/jd.md`} download>
            Markdown
          </a>
          <a href={`/jds/${loaded.jd.id}/jd.jsonld`} download>
            JSON-LD
          </a>
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
          // A new saved version or status remounts the form, so after any save or status change
          // the inputs show exactly the saved document and "unsaved changes" cannot disagree with them.
          key={`${loaded.jd.currentVersion}:${loaded.jd.status}:${JSON.stringify(values)}`}
          onChange={(event) => {
            const next = docFromForm(new FormData(event.currentTarget), doc);
            setEdited({ base: doc, doc: next, report: checkQuality(next) });
          }}
        >
          {/* Enter in a text field submits the form's first button: make that a harmless check. */}
          <button type="submit" name="intent" value="check" className="sr-only" tabIndex={-1} aria-hidden="true">
            Check
          </button>
          <input type="hidden" name="structure" value={values.structure} />
          <input type="hidden" name="baseVersion" value={baseVersion} />
          <BasicsFields values={values} errors={errors} assessments={loaded.assessments} profile={loaded.profile} />
          {doc.sections.map((section) => (
            <SectionEditor key={section.kind} section={section} doc={doc} catalogItems={loaded.catalogItems} errors={errors} values={values} />
          ))}
          <SeoFields values={values} errors={errors} />
          <div className="card save-bar">
            <Field name="note" label="Version note (optional)">
              {(props) => <input {...props} maxLength={200} placeholder="What changed?" />}
            </Field>
            <button type="submit" name="intent" value="save" disabled={busy}>
              {loaded.jd.status === "PUBLISHED" ? `Save version ${baseVersion + 1} and update the live posting` : `Save version ${baseVersion + 1}`}
            </button>
            <button type="submit" name="intent" value="check" className="secondary" disabled={busy}>
              Check for errors
            </button>
            {draft ? <Link to={`/jds/${loaded.jd.id}`}>Discard changes</Link> : null}
          </div>
        </Form>
        <aside className="composer-side" aria-label="Quality and publishing">
          <QualityPanel report={report} blocking={blocking} />
          <StatusBox
            jd={loaded.jd}
            canPublish={loaded.canPublish}
            unsaved={dirty}
            result={result && "kind" in result && (result.kind === "status" || result.kind === "confirm-publish") ? result : null}
          />
        </aside>
      </div>
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
