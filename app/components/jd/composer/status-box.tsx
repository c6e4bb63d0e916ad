import { Form, Link } from "@remix-run/react";
import { type JOB_STATUSES, STATUS_LABELS } from "~/lib/jd/statuses";

export type StatusResult =
  | { kind: "status"; message: string; details: string[] }
  | { kind: "confirm-publish"; message: string; warnings: string[] };

interface Props {
  jd: { id: string; slug: string; status: (typeof JOB_STATUSES)[number]; currentVersion: number };
  canPublish: boolean;
  /** The form holds edits that are not saved: a status change would act on the older, saved version. */
  unsaved: boolean;
  result: StatusResult | null;
}

/** Status, the live address, and the publish / draft / archive buttons (publishing asks first when wording warnings remain). */
export function StatusBox({ jd, canPublish, unsaved, result }: Props) {
  const described = unsaved ? "status-unsaved" : undefined;
  return (
    <section className="card status-box" aria-labelledby="status-heading">
      <h2 id="status-heading">Publishing</h2>
      <p>
        Status: <span className={`status ${jd.status.toLowerCase()}`}>{STATUS_LABELS[jd.status]}</span>
      </p>
      {jd.status === "PUBLISHED" ? (
        <p>
          Live at <Link to={`/jobs/${jd.slug}`}>/jobs/{jd.slug}</Link>. Saving a new version updates the live posting at once.
        </p>
      ) : null}
      {unsaved && canPublish ? (
        <p id="status-unsaved" className="notice">
          Save your edits first: publishing uses the saved version ({jd.currentVersion}).
        </p>
      ) : (
        <p className="hint">Status changes use the saved version ({jd.currentVersion}); save your edits first.</p>
      )}
      {result?.kind === "status" ? (
        <div className="form-error" role="alert">
          <p>{result.message}</p>
          <ul>
            {result.details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {result?.kind === "confirm-publish" && canPublish ? (
        <div className="confirm-box" role="alertdialog" aria-labelledby="confirm-publish-heading" aria-describedby="confirm-publish-list">
          <h3 id="confirm-publish-heading">{result.message}</h3>
          <ul id="confirm-publish-list">
            {result.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <Form method="post" className="actions">
            <input type="hidden" name="confirmWarnings" value="yes" />
            <button type="submit" name="intent" value="status:PUBLISHED" disabled={unsaved} aria-describedby={described}>
              Publish anyway
            </button>
            <Link to={`/jds/${jd.id}`} className="button secondary">
              Cancel and edit
            </Link>
          </Form>
        </div>
      ) : null}
      {canPublish && result?.kind !== "confirm-publish" ? (
        <Form method="post" className="actions">
          {jd.status !== "PUBLISHED" ? (
            <button type="submit" name="intent" value="status:PUBLISHED" disabled={unsaved} aria-describedby={described}>
              Publish
            </button>
          ) : null}
          {jd.status !== "DRAFT" ? (
            <button type="submit" name="intent" value="status:DRAFT" className="secondary" disabled={unsaved} aria-describedby={described}>
              Back to draft
            </button>
          ) : null}
          {jd.status !== "ARCHIVED" ? (
            <button type="submit" name="intent" value="status:ARCHIVED" className="secondary" disabled={unsaved} aria-describedby={described}>
              Archive
            </button>
          ) : null}
        </Form>
      ) : null}
    </section>
  );
}
