// The runner's configuration module, and with app/lib/config.server.ts the only reader of
// process.env. The worker needs the whole shared schema (runner/contract/env.ts); the CLI, the
// image builder and the tests need only the folders.
import path from "node:path";
import { describeEnvIssues, sharedEnvSchema, type SharedEnv } from "./contract/env";

export type RunnerSettings = SharedEnv;

export function parseRunnerSettings(env: Record<string, string | undefined>): RunnerSettings {
  const result = sharedEnvSchema.safeParse(env);
  if (!result.success) {
    throw new Error(`the grading worker cannot start: the environment is invalid.\n${describeEnvIssues(result.error)}`);
  }
  return result.data;
}

let cached: RunnerSettings | undefined;

/** The worker's settings, read once. */
export function runnerSettings(): RunnerSettings {
  cached ??= parseRunnerSettings(process.env);
  return cached;
}

const foldersSchema = sharedEnvSchema.pick({ DATA_DIR: true, ASSESSMENTS_DIR: true, DOCKER_HOST: true });

/** A path under DATA_DIR (uploads, caches, the runner's work folders). */
export function dataPath(...parts: string[]): string {
  return path.resolve(foldersSchema.parse(process.env).DATA_DIR, ...parts);
}

export function assessmentsDir(): string {
  return path.resolve(foldersSchema.parse(process.env).ASSESSMENTS_DIR);
}

/** The engine's address when it is not the local socket (diagnostics that read /proc need a local one). */
export function dockerHost(): string | undefined {
  return foldersSchema.parse(process.env).DOCKER_HOST;
}
