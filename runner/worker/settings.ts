import { z } from "zod";

const seconds = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 3600)
    .default(fallback);

const schema = z.object({
  RUNNER_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/, "must be letters, digits, ':', '_' or '-'")
    .optional(),
  /** A job's lock lives this long without renewal; a killed worker's job runs again after it. */
  RUNNER_LOCK_SECONDS: seconds(30).pipe(z.number().min(1)),
  RUNNER_STALLED_CHECK_SECONDS: seconds(15).pipe(z.number().min(1)),
  RUNNER_RECONCILE_SECONDS: seconds(30).pipe(z.number().min(1)),
  RUNNER_RECONCILE_GRACE_SECONDS: seconds(30),
});

export type RunnerSettings = z.infer<typeof schema>;

export function parseRunnerSettings(env: Record<string, string | undefined>): RunnerSettings {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${String(issue.path[0])} ${issue.message}`);
    throw new Error(`the grading worker cannot start: the environment is invalid.\n${lines.join("\n")}`);
  }
  return result.data;
}
