import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import type { TestResult } from "../prober/contract";
import { extractArchive } from "../intake/extract";
import { DEFAULT_INTAKE_LIMITS, type IntakeLimits } from "../intake/rules";
import { scoreResults, type ScoreSummary } from "../scoring/score";
import { DockerSandboxDriver } from "../sandbox/docker-driver";
import type { ProbeOutcome, RunningSolution, RunReport, SandboxDriver, SolutionKind } from "../sandbox/driver";
import { sandboxLimits, type LimitOverrides } from "../sandbox/limits";
import { loadGradingAssessment } from "./assessment-cache";
import { exitedBeforeReadyReason, notReadyReason, runtimeNote, type ReasonContext } from "./reasons";

export const STAGES = ["extract", "build", "start", "ready", "tests", "cleanup"] as const;
export type Stage = (typeof STAGES)[number];

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
  bundleDir?: string;
  /**
   * Called with the result before the containers are removed, so it can be saved and announced
   * without waiting for the cleanup; its failure is a failure of the grading. The returned
   * result then also carries the cleanup's timing.
   */
  onGraded?: (result: GradeResult) => Promise<void>;
}

/** Slack beyond the stage deadlines before a resource of this grading counts as a leftover. */
const EXPIRY_SLACK_MS = 5 * 60_000;

/**
 * Grades one submission end to end. Candidate mistakes come back as a FAILED result with a reason;
 * anything else (Docker down, disk full, a prober fault) throws, so the queue can retry.
 * Every container and image of the submission is removed before this returns or throws.
 */
export async function gradeSubmission(input: GradeInput): Promise<GradeResult> {
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

  const workDir = await mkdtemp(path.join(tmpdir(), "hirekit-grade-"));
  let buildLog = "";
  let runLog = "";
  let solutionKind: SolutionKind | null = null;
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

    const expiresAt = Date.now() + (limits.buildSeconds + limits.readySeconds + limits.testSeconds) * 1000 + EXPIRY_SLACK_MS;
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

    advance("start");
    const running: RunningSolution = await driver.start(prepared.solution, {
      bundlePath,
      readinessPath: config.readinessPath,
      seed: parsed.seed,
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

  let result: GradeResult;
  try {
    result = await runStages();
    result.timings = { ...timings, total: Math.round(performance.now() - started) };
    await input.onGraded?.(result);
  } finally {
    input.onProgress?.({ stage: "cleanup", testsDone, testsTotal });
    const cleanupStarted = performance.now();
    try {
      await driver.destroy(parsed.submissionId);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
    timings.cleanup = Math.round(performance.now() - cleanupStarted);
  }
  result.timings = {
    ...timings,
    total: Math.round(performance.now() - started),
  };
  return result;
}
