import { Form } from "@remix-run/react";
import type { CompetencyRow } from "~/domain/scorecard/competencies";
import { RATINGS, RATING_LABELS, tallyRecommendations, describeTally, type RatingValue } from "~/domain/scorecard/ratings";
import { NOT_ASSESSED, REVIEW_LIMITS } from "~/domain/scorecard/review-form";
import type { Rubric } from "~/domain/scorecard/rubric";
import type { ReviewView } from "~/lib/scorecard.server";

export const NOT_ASSESSED_LABEL = "Not assessed";

export function ratingText(rating: RatingValue | undefined | null): string {
  return rating ? RATING_LABELS[rating] : NOT_ASSESSED_LABEL;
}

export function ReviewList({ reviews, competencies }: { reviews: ReviewView[]; competencies: CompetencyRow[] }) {
  const tally = tallyRecommendations(reviews.map((review) => review.recommendation));
  return (
    <>
      <p>Recommendations: {describeTally(tally)}.</p>
      {reviews.map((review) => (
        <article key={review.id} className="card">
          <h4 className="sc-review-title">
            {review.reviewerName}: {review.recommendation ? RATING_LABELS[review.recommendation] : "no recommendation"}
          </h4>
          {review.notes ? <p>{review.notes}</p> : null}
          <ul className="sc-review-ratings">
            {competencies.map((c) => (
              <li key={c.id} data-rating-of={c.id}>
                {c.name}: <strong className={review.ratings[c.id] ? undefined : "muted"}>{ratingText(review.ratings[c.id]?.rating)}</strong>
                {review.ratings[c.id]?.note ? ` — ${review.ratings[c.id].note}` : ""}
              </li>
            ))}
          </ul>
          {review.comments.length ? (
            <>
              <p className="sc-comments-title">Code comments</p>
              <ul className="sc-review-ratings">
                {review.comments.map((comment) => (
                  <li key={comment.id}>
                    <code>
                      attempt {comment.attempt} · {comment.path}
                      {comment.line ? `:${comment.line}` : ""}
                    </code>{" "}
                    — {comment.body}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </article>
      ))}
    </>
  );
}

function RubricHelp({ rubric, id }: { rubric: Rubric | undefined; id: string }) {
  if (!rubric) return null;
  const anchors = [...new Set(RATINGS.map((rating) => rubric[rating].anchor).filter((a): a is string => Boolean(a)))];
  return (
    <details className="sc-rubric" id={id}>
      <summary>What the catalog expects</summary>
      <ul>
        {anchors.map((anchor) => (
          <li key={anchor}>
            <span className="muted">{RATINGS.filter((r) => rubric[r].anchor === anchor).map((r) => RATING_LABELS[r]).join(", ")}:</span> {anchor}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function ReviewForm({
  own,
  competencies,
  rubrics,
  errors,
}: {
  own: ReviewView | null;
  competencies: CompetencyRow[];
  rubrics: Record<string, Rubric>;
  errors: Record<string, string>;
}) {
  return (
    <Form method="post" className="sc-ratings" noValidate>
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <p className="notice" id="rating-rule">
        Rate every competency the assessment tests: the tests give you evidence for those, and they are marked "rating required". Leave
        the others "Not assessed" unless you have your own evidence; a guess would show up in the comparison and the PDF as if it were a
        judgement. Each choice says what it means at this job's level.
      </p>
      {competencies.map((competency) => {
        const current = own?.ratings[competency.id];
        const error = errors[`rating.${competency.id}`];
        const rubric = rubrics[competency.id];
        const describedBy = [error ? `rating-${competency.id}-error` : null, "rating-rule"].filter(Boolean).join(" ");
        return (
          <fieldset key={competency.id} aria-describedby={describedBy} data-rate={competency.id}>
            <legend>
              {competency.name}{" "}
              <span className={`sc-badge${competency.assessed ? " sc-required" : ""}`}>{competency.assessed ? "tested · rating required" : "optional"}</span>
            </legend>
            <div className="sc-choices">
              {RATINGS.map((rating) => (
                <label key={rating} className="sc-choice">
                  <input type="radio" name={`rating.${competency.id}`} value={rating} defaultChecked={current?.rating === rating} />
                  <span>
                    <strong>{RATING_LABELS[rating]}</strong>
                    {rubric ? <span className="sc-meaning"> — {rubric[rating].meaning}</span> : null}
                  </span>
                </label>
              ))}
              <label className="sc-choice">
                <input type="radio" name={`rating.${competency.id}`} value={NOT_ASSESSED} defaultChecked={!current} />
                <span>
                  <strong>{NOT_ASSESSED_LABEL}</strong>
                  <span className="sc-meaning"> — no evidence either way</span>
                </span>
              </label>
            </div>
            <RubricHelp rubric={rubric} id={`rubric-${competency.id}`} />
            {error ? (
              <p className="field-error" id={`rating-${competency.id}-error`}>
                {error}
              </p>
            ) : null}
            <label htmlFor={`note-${competency.id}`} className="sr-only">
              Note on {competency.name}
            </label>
            <textarea
              id={`note-${competency.id}`}
              name={`note.${competency.id}`}
              rows={2}
              maxLength={REVIEW_LIMITS.note}
              placeholder="Note (optional)"
              defaultValue={current?.note ?? ""}
            />
          </fieldset>
        );
      })}
      <fieldset aria-describedby={errors.recommendation ? "recommendation-error" : undefined}>
        <legend>Overall recommendation</legend>
        <div className="sc-choices">
          {RATINGS.map((rating) => (
            <label key={rating} className="sc-choice">
              <input type="radio" name="recommendation" value={rating} defaultChecked={own?.recommendation === rating} />
              <strong>{RATING_LABELS[rating]}</strong>
            </label>
          ))}
        </div>
        {errors.recommendation ? (
          <p className="field-error" id="recommendation-error">
            {errors.recommendation}
          </p>
        ) : null}
      </fieldset>
      <div className="field">
        <label htmlFor="review-notes">Notes</label>
        <textarea id="review-notes" name="notes" rows={4} maxLength={REVIEW_LIMITS.notes} defaultValue={own?.notes ?? ""} />
        {errors.notes ? <p className="field-error">{errors.notes}</p> : null}
      </div>
      <p className="inline-form">
        <button type="submit" name="intent" value="save" className="secondary">
          Save draft
        </button>{" "}
        <button type="submit" name="intent" value="submit">
          Submit review
        </button>
      </p>
      <p className="muted">Once submitted, your review and your code comments are final and you will see your colleagues' reviews.</p>
    </Form>
  );
}
