// What a runtime is, as data: how to recognise a solution, which image runs it, with which
// command, and which build steps (if any) run first. Adding Go or Java means adding one file
// next to this one and listing it in index.ts.
import { lstat, readFile } from "node:fs/promises";
import type { SolutionKind } from "../driver";

/** Steps run in a build container that may reach the package registry; the result stays in the folder. */
export interface BuildSpec {
  image: string;
  /** Shell commands, run in order with `set -e`; each is echoed as `> <step>` first. */
  steps: string[];
  env: Record<string, string>;
  /** A shared package cache and where it is mounted: a per-build linked copy (sandbox/npm-cache.ts), `volume` names it. */
  cache?: { volume: string; mount: string };
  /** Environment variable that names the host's CA bundle, when the host has one. */
  caBundleEnv?: string;
}

export type SolutionPlan =
  | {
      kind: Exclude<SolutionKind, "dockerfile">;
      image: string;
      command: string[];
      /** null: the fast path, the folder is mounted as it is. */
      build: BuildSpec | null;
    }
  /** The solution's own Dockerfile builds its image and names its command. */
  | { kind: "dockerfile" };

export type DetectResult = { ok: true; plan: SolutionPlan } | { ok: false; reason: string };

export interface Runtime {
  /** How the candidate's brief names the entry file(s), for the "nothing found" reason. */
  describe: string;
  /** null when the folder is not this runtime's; a plan or a refusal when it is. */
  detect(root: string): Promise<DetectResult | null>;
}

/** Reads a regular file of the solution; links and folders do not count as the file. */
export async function readRegular(file: string): Promise<string | null> {
  const info = await lstat(file).catch(() => null);
  if (!info?.isFile()) return null;
  return readFile(file, "utf8");
}
