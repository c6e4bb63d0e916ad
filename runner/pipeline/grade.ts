import { cp, rm } from "node:fs/promises";
import path from "node:path";
import { hostname } from "node:os";
import { extractArchive } from "../intake/extract";
import { DEFAULT_INTAKE_LIMITS } from "../intake/rules";
import { scoreResults } from "../scoring/score";
import { DockerSandboxDriver } from "../sandbox/docker-driver";
import type { ProbeOutcome, RunningSolution, RunReport, SolutionKind } from "../sandbox/driver";
import { sandboxLimits } from "../sandbox/limits";
import type { ContentionReport } from "../sandbox/pressure";
import { dataPath } from "../settings";
import { loadGradingAssessment } from "./assessment-cache";
import { gradeInputSchema, type GradeInput, type GradeResult, type GradeRun, type Stage } from "./grade-types";
import { createWorkFolder } from "./work-folders";
import { exitedBeforeReadyReason, notReadyReason, runtimeNote, type ReasonContext } from "./reasons";

export { STAGES, type Stage, type GradeProgress, type GradeStatus, type GradeResult, type GradingProvenance, type GradingCalibrationView, type GradeInput, type GradeRun } from "./grade-types";

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
