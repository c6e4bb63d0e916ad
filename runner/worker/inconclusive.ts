// A test phase the host starved (the service or the prober waited for a CPU; see
// sandbox/pressure.ts) says nothing about the candidate: it is not saved, the job is put back
// without spending an attempt, and after MAX_INCONCLUSIVE_RUNS such runs in a row the submission
// ends ERROR with the overloaded cause (which the system page lists and the reconciler may regrade).
import type { PrismaClient } from "~/generated/prisma/client";
import { MAX_INCONCLUSIVE_RUNS, overloadedReason } from "../contract/grading-host";
import type { GradeRun } from "../pipeline/grade";
import { markGradingError } from "./save";

/** Waiting before a regrade gives a burst of host load time to pass; it grows with each starved run. */
export const INCONCLUSIVE_RETRY_MS = 15_000;

export interface InconclusiveDeps {
  prisma: PrismaClient;
  log: (line: string) => void;
  retryMs?: number;
}

export type InconclusiveOutcome = { regrade: true; delayMs: number; runs: number } | { regrade: false; reason: string; runs: number };

/**
 * Records a starved run and decides: regrade (after a delay) or give up with the overloaded cause.
 * The counter only grows (the system page sums it); every MAX_INCONCLUSIVE_RUNS-th starved run ends
 * a round, so a submission the reconciler regrades later gets a full round again.
 */
export async function settleInconclusive(deps: InconclusiveDeps, submissionId: string, run: GradeRun): Promise<InconclusiveOutcome> {
  const verdict = run.result.inconclusive ?? "the host starved the test phase";
  await run.release().catch((error: unknown) => deps.log(`${submissionId}: removing a starved run's containers failed: ${(error as Error).message}`));
  const { inconclusiveRuns: runs } = await deps.prisma.submission.update({
    where: { id: submissionId },
    data: { inconclusiveRuns: { increment: 1 } },
    select: { inconclusiveRuns: true },
  });
  const inRound = ((runs - 1) % MAX_INCONCLUSIVE_RUNS) + 1;
  if (inRound >= MAX_INCONCLUSIVE_RUNS) {
    const reason = overloadedReason(`${MAX_INCONCLUSIVE_RUNS} test phases in a row were starved of CPU (last: ${verdict}); no attempt was used`);
    await markGradingError(deps.prisma, submissionId, reason);
    deps.log(`${submissionId}: ${reason}`);
    return { regrade: false, reason, runs };
  }
  const delayMs = (deps.retryMs ?? INCONCLUSIVE_RETRY_MS) * inRound;
  deps.log(`${submissionId}: inconclusive run ${inRound} of ${MAX_INCONCLUSIVE_RUNS} (${verdict}); regrading in ${delayMs / 1000} s, no attempt used`);
  return { regrade: true, delayMs, runs };
}
