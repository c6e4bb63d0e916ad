// The pipeline's inputs and outputs: what gradeSubmission() takes, reports and returns.
import { z } from "zod";
import { GRADING_STAGES, type GradingStage } from "../contract/submission";
import type { IntakeLimits } from "../intake/rules";
import type { TestResult } from "../prober/contract";
import type { SandboxDriver, SolutionKind } from "../sandbox/driver";
import type { LimitOverrides } from "../sandbox/limits";
import type { ContentionReport } from "../sandbox/pressure";
import type { ScoreSummary } from "../scoring/score";

export const STAGES = GRADING_STAGES;
export type Stage = GradingStage;

export interface GradeProgress {
  stage: Stage;
  testsDone: number;
  testsTotal: number | null;
}

export type GradeStatus = "GRADED" | "FAILED";

export interface GradeResult {
  status: GradeStatus;
  /** Why a submission FAILED, in words a candidate understands; null when GRADED. */
  reason: string | null;
  /** Things worth knowing about a GRADED run (the service crashed mid-way, its output was cut). */
  notes: string[];
  results: TestResult[];
  scores: ScoreSummary | null;
  buildLog: string;
  runLog: string;
  /** Milliseconds per stage that ran, plus total. */
  timings: Partial<Record<Stage, number>> & { total: number };
  solutionKind: SolutionKind | null;
  assessment: {
    id: string;
    slug: string;
    version: string;
    contentHash: string;
  };
  /**
   * Set when the host starved the service or the prober: the run says nothing about the candidate
   * and must not be saved as their result (the worker regrades it).
   */
  inconclusive: string | null;
  contention: ContentionReport | null;
  provenance: GradingProvenance;
}

/** What graded a result, saved with it: the same inputs must give the same score. */
export interface GradingProvenance {
  assessment: { slug: string; version: string; contentHash: string };
  /** The image the service ran (a runtime image, or the submission's own build). */
  image: string | null;
  /** The runtime images' ids this worker grades with. */
  runtimeImage: string | null;
  host: string;
  latencyScale: number;
  contention: ContentionReport | null;
}

/** The worker's calibration on this host (runner/calibration): latency scale per assessment content. */
export interface GradingCalibrationView {
  host: string;
  runtimeImage: string;
  latencyScaleFor(slug: string, contentHash: string): number;
}

export const gradeInputSchema = z
  .object({
    archivePath: z.string().min(1).optional(),
    directory: z.string().min(1).optional(),
    assessmentDir: z.string().min(1),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
    submissionId: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, "must be 1-100 letters, digits, '.', '_' or '-'"),
  })
  .refine((input) => Boolean(input.archivePath) !== Boolean(input.directory), {
    message: "give exactly one of archivePath and directory",
  });

export interface GradeInput {
  archivePath?: string;
  directory?: string;
  assessmentDir: string;
  seed: number;
  submissionId: string;
  onProgress?: (progress: GradeProgress) => void;
  driver?: SandboxDriver;
  /** Shorter deadlines or smaller limits than the assessment's (tests, the CLI). */
  limitOverrides?: LimitOverrides;
  intakeLimits?: IntakeLimits;
  /** Where prober bundles are cached (DATA_DIR/cache/prober by default). */
  bundleDir?: string;
  /** Where the grading's work folder is made (DATA_DIR/work by default); swept like containers. */
  workRoot?: string;
  calibration?: GradingCalibrationView;
}

/**
 * A finished grading and the resources it still holds. The caller saves and announces the result,
 * then calls `release()`, which removes every container, image and the work folder.
 */
export interface GradeRun {
  result: GradeResult;
  release(): Promise<{ cleanupMs: number }>;
}
