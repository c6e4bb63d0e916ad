// Fair grading, as the worker and the admin system page must agree on it: a test phase the host
// starved is not a result; it is graded again, and after a few such runs the submission ends ERROR
// with this cause, which the system page lists.
export const OVERLOADED_CAUSE = "the grading host was overloaded";

/** Test phases one submission may lose to a starved host before it ends ERROR (the first and two regrades). */
export const MAX_INCONCLUSIVE_RUNS = 3;

/** The failure reason saved for a submission the host could not grade fairly. */
export function overloadedReason(detail: string): string {
  return `${OVERLOADED_CAUSE}: ${detail}`;
}

export function isOverloadedReason(reason: string | null): boolean {
  return reason !== null && reason.startsWith(OVERLOADED_CAUSE);
}
