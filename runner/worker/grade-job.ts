import path from "node:path";
import { UnrecoverableError, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { PrismaClient } from "~/generated/prisma/client";
import { gradeSubmission, type GradeResult } from "../pipeline/grade";
import { gradingJobSchema } from "../queue/jobs";
import type { SandboxDriver } from "../sandbox/driver";
import type { LimitOverrides } from "../sandbox/limits";
import { ProgressReporter, type SubmissionState } from "./progress";
import { markGradingError, recordCleanupTiming, saveGradeResult } from "./save";

export interface GradeJobDeps {
  prisma: PrismaClient;
  publisher: Redis | null;
  driver: SandboxDriver;
  assessmentsDir: string;
  bundleDir?: string;
  limitOverrides?: LimitOverrides;
  log: (line: string) => void;
}

export type GradeJobOutcome =
  | { submissionId: string; skipped: string }
  | { submissionId: string; status: GradeResult["status"]; saved: boolean; ms: number };

const TERMINAL: SubmissionState[] = ["GRADED", "FAILED", "ERROR"];

/**
 * The BullMQ processor. Candidate mistakes end as FAILED results and the job completes;
 * infrastructure faults rethrow so BullMQ retries with backoff, and the last attempt marks the
 * submission ERROR. Bad job data and missing rows are unrecoverable: retrying cannot help.
 */
export async function processGradingJob(job: Job, deps: GradeJobDeps): Promise<GradeJobOutcome> {
  const parsed = gradingJobSchema.safeParse(job.data);
  if (!parsed.success) {
    throw new UnrecoverableError(`invalid grading job ${job.id}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  }
  const { submissionId } = parsed.data;
  const submission = await deps.prisma.submission.findUnique({
    where: { id: submissionId },
    select: { status: true, archivePath: true, seed: true, invitation: { select: { assessment: { select: { slug: true } } } } },
  });
  if (!submission) throw new UnrecoverableError(`submission ${submissionId} does not exist`);
  if (TERMINAL.includes(submission.status)) {
    // A retry after a failed cleanup lands here: finish the cleanup, keep the saved result.
    await deps.driver.destroy(submissionId);
    return { submissionId, skipped: `already ${submission.status}` };
  }

  const reporter = new ProgressReporter(deps.prisma, deps.publisher, submissionId, (error) =>
    deps.log(`progress update for ${submissionId} failed: ${(error as Error).message}`),
  );
  const started = Date.now();
  let saved = false;
  try {
    // Not awaited: the BUILDING write overlaps the extraction; later row writes queue behind it.
    void reporter.begin();
    const result = await gradeSubmission({
      archivePath: submission.archivePath,
      assessmentDir: path.resolve(deps.assessmentsDir, submission.invitation.assessment.slug),
      seed: submission.seed,
      submissionId,
      driver: deps.driver,
      bundleDir: deps.bundleDir,
      limitOverrides: deps.limitOverrides,
      onProgress: (progress) => {
        reporter.update(progress);
        void job.updateProgress({ ...progress }).catch(() => undefined);
      },
      // Saved and announced before the containers are removed: the candidate does not wait for it.
      onGraded: async (graded) => {
        await reporter.settle();
        saved = await saveGradeResult(deps.prisma, submissionId, graded);
        if (saved) reporter.finish(graded.status, graded.reason);
      },
    });
    if (saved) await recordCleanupTiming(deps.prisma, submissionId, result.timings);
    deps.log(
      `${submissionId}: ${result.status}${result.reason ? ` (${result.reason})` : ""} in ${Date.now() - started} ms${
        saved ? "" : ", already saved by another worker"
      }`,
    );
    return { submissionId, status: result.status, saved, ms: Date.now() - started };
  } catch (error) {
    await reporter.settle();
    const message = error instanceof Error ? error.message : String(error);
    if (saved) {
      deps.log(`${submissionId}: result saved, but removing its containers failed (a retry finishes it): ${message}`);
      throw error;
    }
    const attempts = job.opts.attempts ?? 1;
    if (job.attemptsMade + 1 >= attempts) {
      await markGradingError(
        deps.prisma,
        submissionId,
        `grading failed on our side after ${attempts} attempt${attempts > 1 ? "s" : ""}: ${message}`,
      );
      reporter.finish("ERROR", message);
    } else {
      await reporter.requeued();
    }
    deps.log(`${submissionId}: attempt ${job.attemptsMade + 1} of ${attempts} failed: ${message}`);
    throw error;
  }
}
