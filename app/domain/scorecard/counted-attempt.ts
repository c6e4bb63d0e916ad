// Which of a candidate's attempts counts: the latest graded one, as the candidate page promises.
// A later attempt that is still queued, ended in an error on our side or failed never hides an
// earlier grade. Without any graded attempt the latest one stands, since it says why there is no
// score. The submissions list, its CSV and the cohort read the same rule in SQL
// (COUNTED_ATTEMPT_FIRST in app/lib/scorecard.server.ts).

export const COUNTED_STATUS = "GRADED";

export function countedAttempt<T extends { attempt: number; status: string }>(attempts: readonly T[]): T | undefined {
  let latest: T | undefined;
  let latestGraded: T | undefined;
  for (const candidate of attempts) {
    if (!latest || candidate.attempt > latest.attempt) latest = candidate;
    if (candidate.status === COUNTED_STATUS && (!latestGraded || candidate.attempt > latestGraded.attempt)) latestGraded = candidate;
  }
  return latestGraded ?? latest;
}
