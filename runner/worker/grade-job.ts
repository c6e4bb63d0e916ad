import path from "node:path";
import { DelayedError, UnrecoverableError, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { PrismaClient } from "~/generated/prisma/client";
import { databaseArchiveStore, type ArchiveFile } from "../contract/archive-store";
import { gradingJobSchema } from "../contract/queue";
import { isTerminalStatus } from "../contract/submission";
import { gradeSubmission, type GradeResult, type GradeRun, type GradingCalibrationView } from "../pipeline/grade";
import type { SandboxDriver } from "../sandbox/driver";
import type { LimitOverrides } from "../sandbox/limits";
import { settleInconclusive } from "./inconclusive";
import type { GradingMetrics } from "./metrics";
import type { InfraHealth } from "./infra-health";
import type { WorkerLog } from "./log";
import { ProgressReporter } from "./progress";
import { markGradingError, recordCleanupTiming, saveGradeResult } from "./save";

export interface GradeJobDeps {
  prisma: PrismaClient;
  publisher: Redis | null;
  driver: SandboxDriver;
  health: InfraHealth;
  assessmentsDir: string;
  bundleDir?: string;
  workRoot?: string;
  limitOverrides?: LimitOverrides;
  calibration?: GradingCalibrationView;
  /** Base delay before a starved run is regraded (INCONCLUSIVE_RETRY_MS by default). */
  inconclusiveRetryMs?: number;
  /** A fault turned out to be an outage: the worker stops taking jobs until it is over. */
  onOutage?: (cause: string) => void;
  /** How long a job put back after an outage waits before it may run again. */
  outageRetryMs?: number;
  log: WorkerLog;
  /** Counts waits, stage durations, outcomes and retries (runner/worker/metrics.ts). */
  metrics?: GradingMetrics;
}

export type GradeJobOutcome =
  | { submissionId: string; skipped: string }
  | { submissionId: string; status: GradeResult["status"]; saved: boolean; ms: number };

const OUTAGE_RETRY_MS = 10_000;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Puts the job back in the queue without spending one of its BullMQ attempts, the row back to
 * QUEUED with its progress cleared. For faults that are not the submission's: an infrastructure
 * outage, or a run the grading host could not judge fairly (inconclusive).
 */
export async function retryWithoutCharge(job: Job, token: string | undefined, reporter: ProgressReporter, delayMs: number): Promise<never> {
  await reporter.requeued();
  if (!token) throw new Error(`job ${job.id} cannot be put back without its lock token`);
  await job.moveToDelayed(Date.now() + delayMs, token);
  throw new DelayedError();
}

/**
 * A grading fault. While the engine or the database is unreachable it is an outage: the job waits
 * without spending an attempt and the worker pauses. Otherwise BullMQ retries with backoff and the
 * last attempt marks the submission ERROR (which the reconciler regrades later).
 */
async function handleFault(job: Job, token: string | undefined, deps: GradeJobDeps, reporter: ProgressReporter, error: unknown): Promise<never> {
  const { submissionId } = job.data as { submissionId: string };
  const message = messageOf(error);
  await reporter.settle();
  const health = await deps.health.check();
  if (!health.healthy) {
    deps.log(`${submissionId}: ${message}; ${health.cause}: waiting for it, no attempt counted`);
    deps.onOutage?.(health.cause);
    deps.metrics?.retriedFor("outage");
    return retryWithoutCharge(job, token, reporter, deps.outageRetryMs ?? OUTAGE_RETRY_MS);
  }
  const attempts = job.opts.attempts ?? 1;
  if (job.attemptsMade + 1 >= attempts) {
    await markGradingError(deps.prisma, submissionId, `grading failed on our side after ${attempts} attempt${attempts > 1 ? "s" : ""}: ${message}`);
    reporter.finish("ERROR", message);
  } else {
    await reporter.requeued();
    deps.metrics?.retriedFor("fault");
  }
  deps.log(`${submissionId}: attempt ${job.attemptsMade + 1} of ${attempts} failed: ${message}`);
  throw error;
}

/** Removes the grading's resources after its result is out; a failure here leaves leftovers to the sweeper. */
async function releaseAfterSave(deps: GradeJobDeps, submissionId: string, run: GradeRun, savedAt: Date | null): Promise<void> {
  let cleanupMs: number;
  try {
    ({ cleanupMs } = await run.release());
  } catch (error) {
    deps.log(`${submissionId}: removing its containers failed (the sweeper removes what is left): ${messageOf(error)}`);
    return;
  }
  if (!savedAt) return;
  const { timings } = run.result;
  try {
    await recordCleanupTiming(deps.prisma, submissionId, savedAt, { ...timings, cleanup: cleanupMs, total: timings.total + cleanupMs });
  } catch (error) {
    deps.log(`${submissionId}: the result is saved; recording its cleanup time failed: ${messageOf(error)}`);
  }
}

/**
 * The BullMQ processor: grade, save once, announce, release. Candidate mistakes end as FAILED
 * results and the job completes; infrastructure faults go to handleFault. Bad job data and missing
 * rows are unrecoverable: retrying cannot help.
 */
export async function processGradingJob(job: Job, workerDeps: GradeJobDeps, token?: string): Promise<GradeJobOutcome> {
  const parsed = gradingJobSchema.safeParse(job.data);
  if (!parsed.success) {
    throw new UnrecoverableError(`invalid grading job ${job.id}: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`);
  }
  const { submissionId, requestId } = parsed.data;
  // Every line about this grading names the submission and the web request that queued it.
  const jobFields = { submissionId, ...(requestId ? { reqId: requestId } : {}) };
  const deps: GradeJobDeps = { ...workerDeps, log: (line, fields) => workerDeps.log(line, { ...jobFields, ...fields }) };
  deps.metrics?.jobTaken(job);
  const reporter = new ProgressReporter(deps.prisma, deps.publisher, submissionId, (error) =>
    deps.log(`progress update for ${submissionId} failed: ${messageOf(error)}`),
  );
  let submission;
  try {
    submission = await deps.prisma.submission.findUnique({
      where: { id: submissionId },
      select: { status: true, failureReason: true, archivePath: true, seed: true, invitation: { select: { assessment: { select: { slug: true } } } } },
    });
  } catch (error) {
    deps.log(`${submissionId}: reading the submission failed: ${messageOf(error)}`);
    return handleFault(job, token, deps, reporter, error);
  }
  if (!submission) throw new UnrecoverableError(`submission ${submissionId} does not exist`);
  if (isTerminalStatus(submission.status)) {
    // An earlier run saved the result but was cut short before it announced it and cleaned up; or
    // its commit reached the database while the answer was lost to a restart. Listeners may never
    // have heard, so the final state is announced now.
    deps.log(`${submissionId}: already ${submission.status} (saved by an earlier run); announcing it and cleaning up`);
    reporter.finish(submission.status, submission.failureReason);
    await deps.driver.destroy(submissionId).catch((error: unknown) => deps.log(`${submissionId}: leftover cleanup failed: ${messageOf(error)}`));
    return { submissionId, skipped: `already ${submission.status}` };
  }

  const started = Date.now();
  let run: GradeRun;
  let archive: ArchiveFile | null = null;
  try {
    // Not awaited: the BUILDING write overlaps the extraction; later row writes queue behind it.
    void reporter.begin();
    archive = await databaseArchiveStore(deps.prisma).open(submission.archivePath);
    if (!archive) throw new Error(`submission ${submissionId} has no stored archive (${submission.archivePath})`);
    run = await gradeSubmission({
      archivePath: archive.path,
      assessmentDir: path.resolve(deps.assessmentsDir, submission.invitation.assessment.slug),
      seed: submission.seed,
      submissionId,
      driver: deps.driver,
      bundleDir: deps.bundleDir,
      workRoot: deps.workRoot,
      limitOverrides: deps.limitOverrides,
      calibration: deps.calibration,
      onProgress: (progress) => {
        reporter.update(progress);
        void job.updateProgress({ ...progress }).catch(() => undefined);
      },
    });
  } catch (error) {
    return handleFault(job, token, deps, reporter, error);
  } finally {
    // The pipeline has extracted it by now; a database archive's temporary copy goes.
    await archive?.release().catch(() => undefined);
  }

  const { result } = run;
  deps.metrics?.graded(result);
  if (result.inconclusive !== null) {
    await reporter.settle();
    const starved = await settleInconclusive({ prisma: deps.prisma, log: deps.log, retryMs: deps.inconclusiveRetryMs }, submissionId, run);
    if (starved.regrade) deps.metrics?.retriedFor("inconclusive");
    if (starved.regrade) return retryWithoutCharge(job, token, reporter, starved.delayMs);
    reporter.finish("ERROR", starved.reason);
    return { submissionId, skipped: starved.reason };
  }
  const savedAt = new Date();
  let saved: boolean;
  try {
    await reporter.settle();
    saved = await saveGradeResult(deps.prisma, submissionId, result, savedAt);
  } catch (error) {
    await run.release().catch(() => undefined);
    return handleFault(job, token, deps, reporter, error);
  }
  if (saved) reporter.finish(result.status, result.reason);
  await releaseAfterSave(deps, submissionId, run, saved ? savedAt : null);
  deps.log(
    `${submissionId}: ${result.status}${result.reason ? ` (${result.reason})` : ""} in ${Date.now() - started} ms${saved ? "" : ", already saved by another worker"}`,
  );
  return { submissionId, status: result.status, saved, ms: Date.now() - started };
}
