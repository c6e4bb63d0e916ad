import { Form } from "@remix-run/react";
import type { CompetencyRow } from "~/domain/scorecard/competencies";
import { RATINGS, RATING_LABELS, tallyRecommendations, describeTally } from "~/domain/scorecard/ratings";
import { REVIEW_LIMITS } from "~/domain/scorecard/review-form";
import type { ReviewView } from "~/lib/scorecard.server";

export function ReviewList({ reviews, competencies }: { reviews: ReviewView[]; competencies: CompetencyRow[] }) {
  const tally = tallyRecommendations(reviews.map((review) => review.recommendation));
  return (
    <>
      <p>Recommendations: {describeTally(tally)}.</p>
      {reviews.map((review) => (
        <article key={review.id} className="card">
          <h3>
            {review.reviewerName}: {review.recommendation ? RATING_LABELS[review.recommendation] : "no recommendation"}
          </h3>
          {review.notes ? <p>{review.notes}</p> : null}
          <ul>
            {competencies
              .filter((c) => review.ratings[c.id])
              .map((c) => (
                <li key={c.id}>
                  {c.name}: <strong>{RATING_LABELS[review.ratings[c.id].rating]}</strong>
                  {review.ratings[c.id].note ? ` — ${review.ratings[c.id].note}` : ""}
                </li>
              ))}
          </ul>
        </article>
      ))}
    </>
  );
}

export function ReviewForm({ own, competencies, errors }: { own: ReviewView | null; competencies: CompetencyRow[]; errors: Record<string, string> }) {
  return (
    <Form method="post" className="sc-ratings" noValidate>
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      {competencies.map((competency) => {
        const current = own?.ratings[competency.id];
        const error = errors[`rating.${competency.id}`];
        return (
          <fieldset key={competency.id} aria-describedby={error ? `rating-${competency.id}-error` : undefined}>
            <legend>{competency.name}</legend>
            {RATINGS.map((rating) => (
              <label key={rating} className="sc-choice">
                <input type="radio" name={`rating.${competency.id}`} value={rating} defaultChecked={current?.rating === rating} />
                {RATING_LABELS[rating]}
              </label>
            ))}
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
        {RATINGS.map((rating) => (
          <label key={rating} className="sc-choice">
            <input type="radio" name="recommendation" value={rating} defaultChecked={own?.recommendation === rating} />
            {RATING_LABELS[rating]}
          </label>
        ))}
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
      <p className="muted">Once submitted, your review is final and you will see your colleagues' reviews.</p>
    </Form>
  );
}
