import { z } from "zod";
import { LIMIT_DEFAULTS, LIMIT_MAXIMUMS, type AssessmentLimits } from "../assessment/load";

/** Limits the runner adds to the assessment's own; the same rule applies: a default and a hard maximum. */
const RUNNER_DEFAULTS = {
  /** Candidate stdout+stderr; a service writing more is stopped (a flood otherwise costs the host dearly). */
  outputBytes: 2 * 1024 * 1024,
  /** What is kept of each log for the result (head and tail). */
  logBytes: 64 * 1024,
  nofile: 1024,
  fsizeMb: 64,
  /** What an install or build may write into the project folder, which lives on the worker's disk. */
  buildDiskMb: 1024,
} as const;

const RUNNER_MAXIMUMS = {
  outputBytes: 32 * 1024 * 1024,
  logBytes: 1024 * 1024,
  nofile: 65536,
  fsizeMb: 1024,
  buildDiskMb: 8192,
} as const;

export type SandboxLimits = AssessmentLimits & { [K in keyof typeof RUNNER_DEFAULTS]: number };

const overridesSchema = z
  .object({
    memoryMb: z.number().int().min(32).max(LIMIT_MAXIMUMS.memoryMb),
    cpus: z.number().min(0.1).max(LIMIT_MAXIMUMS.cpus),
    pids: z.number().int().min(16).max(LIMIT_MAXIMUMS.pids),
    buildSeconds: z.number().int().min(1).max(LIMIT_MAXIMUMS.buildSeconds),
    readySeconds: z.number().int().min(1).max(LIMIT_MAXIMUMS.readySeconds),
    testSeconds: z.number().int().min(1).max(LIMIT_MAXIMUMS.testSeconds),
    tmpfsMb: z.number().int().min(1).max(LIMIT_MAXIMUMS.tmpfsMb),
    outputBytes: z.number().int().min(1024).max(RUNNER_MAXIMUMS.outputBytes),
    logBytes: z.number().int().min(1024).max(RUNNER_MAXIMUMS.logBytes),
    nofile: z.number().int().min(64).max(RUNNER_MAXIMUMS.nofile),
    fsizeMb: z.number().int().min(1).max(RUNNER_MAXIMUMS.fsizeMb),
    buildDiskMb: z.number().int().min(16).max(RUNNER_MAXIMUMS.buildDiskMb),
  })
  .partial()
  .strict();

export type LimitOverrides = z.input<typeof overridesSchema>;

/**
 * The assessment's limits (already validated against the hard maximums when it was loaded),
 * completed with the runner's own and then any overrides (tests and the CLI use short deadlines).
 */
export function sandboxLimits(assessment: Partial<AssessmentLimits> = {}, overrides: LimitOverrides = {}): SandboxLimits {
  const parsed = overridesSchema.parse(overrides);
  return { ...LIMIT_DEFAULTS, ...RUNNER_DEFAULTS, ...assessment, ...parsed };
}
