import { cp, rm } from "node:fs/promises";
import path from "node:path";
import { hostname } from "node:os";
import { z } from "zod";
import { GRADING_STAGES, type GradingStage } from "../contract/submission";
import type { TestResult } from "../prober/contract";
import { extractArchive } from "../intake/extract";
import { DEFAULT_INTAKE_LIMITS, type IntakeLimits } from "../intake/rules";
import { scoreResults, type ScoreSummary } from "../scoring/score";
import { DockerSandboxDriver } from "../sandbox/docker-driver";
import type { ProbeOutcome, RunningSolution, RunReport, SandboxDriver, SolutionKind } from "../sandbox/driver";
import { sandboxLimits, type LimitOverrides } from "../sandbox/limits";
import type { ContentionReport } from "../sandbox/pressure";
import { dataPath } from "../settings";
import { loadGradingAssessment } from "./assessment-cache";
import { createWorkFolder } from "./work-folders";
import { exitedBeforeReadyReason, notReadyReason, runtimeNote, type ReasonContext } from "./reasons";

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

const gradeInputSchema = z
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

/** Slack beyond the stage deadlines before a resource of this grading counts as a leftover. */
const EXPIRY_SLACK_MS = 5 * 60_000;

/**
 * Grades one submission end to end. Candidate mistakes come back as a FAILED result with a reason;
 * anything else (Docker down, disk full, a prober fault) throws, so the queue can retry. When this
 * throws, everything is already removed; when it returns, `release()` removes it.
 */
export async function gradeSubmission(input: GradeInput): Promise<GradeRun> {
  const parsed = gradeInputSchema.parse({
    archivePath: input.archivePath,
    directory: input.directory,
    assessmentDir: input.assessmentDir,
    seed: input.seed,
    submissionId: input.submissionId,
  });
  const started = performance.now();
  const driver = input.driver ?? new DockerSandboxDriver();
  const { assessment, bundlePath } = await loadGradingAssessment(parsed.assessmentDir, input.bundleDir);
  const config = assessment.config;
  const limits = sandboxLimits(config.limits, input.limitOverrides);
  const timings: Partial<Record<Stage, number>> = {};
  let testsDone = 0;
  let testsTotal: number | null = null;
  let current: Stage | null = null;
  let stageStarted = performance.now();
  /** Closes the running stage (recording its time) and opens the next one. */
  const advance = (next: Stage | null) => {
    const now = performance.now();
    if (current) timings[current] = Math.round(now - stageStarted);
    current = next;
    stageStarted = now;
    if (next) input.onProgress?.({ stage: next, testsDone, testsTotal });
  };
  const reasonContext: ReasonContext = {
    port: config.port,
    readySeconds: limits.readySeconds,
    memoryMb: limits.memoryMb,
    pidsLimit: limits.pids,
    outputLimitBytes: limits.outputBytes,
  };

  const expiresAt = Date.now() + (limits.buildSeconds + limits.readySeconds + limits.testSeconds) * 1000 + EXPIRY_SLACK_MS;
  const workDir = await createWorkFolder(input.workRoot ?? dataPath("work"), parsed.submissionId, expiresAt);
  let buildLog = "";
  let runLog = "";
  let solutionKind: SolutionKind | null = null;
  let image: string | null = null;
  let contention: ContentionReport | null = null;
  let inconclusive: string | null = null;
  const latencyScale = input.calibration?.latencyScaleFor(assessment.slug, assessment.contentHash) ?? 1;
  const finish = (
    fields: Pick<GradeResult, "status" | "reason" | "results" | "scores"> & {
      notes?: string[];
    },
  ): GradeResult => {
    advance(null);
    return {
      notes: [],
      ...fields,
      buildLog,
      runLog,
      timings: { ...timings, total: 0 },
      solutionKind,
      assessment: {
        id: config.id,
        slug: assessment.slug,
        version: config.version,
        contentHash: assessment.contentHash,
      },
      inconclusive,
      contention,
      provenance: {
        assessment: { slug: assessment.slug, version: config.version, contentHash: assessment.contentHash },
        image,
        runtimeImage: input.calibration?.runtimeImage ?? null,
        host: input.calibration?.host ?? hostname(),
        latencyScale,
        contention,
      },
    };
  };
  const failed = (reason: string) => finish({ status: "FAILED", reason, results: [], scores: null });

  const runStages = async (): Promise<GradeResult> => {
    advance("extract");
    let sourceDir: string;
    if (parsed.archivePath) {
      const extracted = await extractArchive(
        parsed.archivePath,
        path.join(workDir, "source"),
        input.intakeLimits ?? DEFAULT_INTAKE_LIMITS,
      );
      if (!extracted.ok) return failed(`archive refused: ${extracted.message}`);
      sourceDir = extracted.root;
    } else {
      // A folder is copied: an install must never write node_modules into the caller's tree.
      sourceDir = path.join(workDir, "source");
      await cp(path.resolve(parsed.directory!), sourceDir, {
        recursive: true,
        verbatimSymlinks: true,
      });
    }

    const job = {
      submissionId: parsed.submissionId,
      sourceDir,
      limits,
      port: config.port,
      expiresAt,
    };

    advance("build");
    const prepared = await driver.prepare(job);
    buildLog = prepared.log;
    if (!prepared.ok) return failed(prepared.reason);
    solutionKind = prepared.kind;
    image = prepared.solution.image;

    advance("start");
    const running: RunningSolution = await driver.start(prepared.solution, {
      bundlePath,
      readinessPath: config.readinessPath,
      seed: parsed.seed,
      latencyScale,
      onEvent: (event) => {
        if (event.type === "ready") {
          if (current === "start") advance("ready");
          advance("tests");
        } else if (event.type === "start") {
          testsTotal = event.total;
          input.onProgress?.({ stage: "tests", testsDone, testsTotal });
        } else if (event.type === "result") {
          testsDone += 1;
          input.onProgress?.({ stage: "tests", testsDone, testsTotal });
        }
      },
    });
    // The prober may already have seen the service ready while its container was starting.
    if (current === "start") advance("ready");
    const outcome: ProbeOutcome = await driver.probe(running);
    advance(null);

    const run: RunReport = await driver.collect(running, {
      diagnose: outcome.kind === "not-ready",
    });
    runLog = run.log;
    contention = run.contention;
    // A crash before readiness is the service's own; every other outcome depends on the CPU it got.
    if (outcome.kind !== "exited-before-ready") inconclusive = run.starved;
    switch (outcome.kind) {
      case "exited-before-ready":
        return failed(exitedBeforeReadyReason(outcome.exit, run, reasonContext));
      case "not-ready":
        if (run.exit) return failed(exitedBeforeReadyReason(run.exit, run, reasonContext));
        return failed(notReadyReason(outcome.message, run, reasonContext));
      case "tests-timeout":
        return finish({
          status: "FAILED",
          reason: `the tests did not finish within ${limits.testSeconds} s (${outcome.results.length} of ${outcome.total} done)`,
          results: outcome.results,
          scores: null,
        });
      case "completed": {
        const note = runtimeNote(run, reasonContext);
        return finish({
          status: "GRADED",
          reason: null,
          notes: note ? [note] : [],
          results: outcome.results,
          scores: scoreResults(outcome.results, config.competencyWeights),
        });
      }
    }
  };

  const release = async () => {
    input.onProgress?.({ stage: "cleanup", testsDone, testsTotal });
    const cleanupStarted = performance.now();
    try {
      await driver.destroy(parsed.submissionId);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
    return { cleanupMs: Math.round(performance.now() - cleanupStarted) };
  };

  let result: GradeResult;
  try {
    result = await runStages();
  } catch (error) {
    await release().catch(() => undefined);
    throw error;
  }
  result.timings = { ...timings, total: Math.round(performance.now() - started) };
  return { result, release };
}

/** Grades and releases at once, for callers that save nothing first (the CLI, verification, tests). */
export async function gradeAndRelease(input: GradeInput): Promise<GradeResult> {
  const { result, release } = await gradeSubmission(input);
  const { cleanupMs } = await release();
  return { ...result, timings: { ...result.timings, cleanup: cleanupMs, total: result.timings.total + cleanupMs } };
}
