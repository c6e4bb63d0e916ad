// --local grading for assessment authors: start a variant as a plain process on a free port and
// run the prober bundle against it. Not a sandbox: only for trusted code (references, mutants).
import { execFile, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { freePort } from "../../scripts/lib/free-port";
import path from "node:path";
import { promisify } from "node:util";
import type { TestResult } from "../prober/contract";

const execFileAsync = promisify(execFile);

export type LocalOutcome = { ready: true; results: TestResult[] } | { ready: false; message: string };

/** The command a variant runs with: the Dockerfile's exec-form CMD, else package.json's start script. */
export async function startCommand(dir: string): Promise<string[]> {
  const dockerfile = await readFile(path.join(dir, "Dockerfile"), "utf8").catch(() => null);
  if (dockerfile !== null) {
    const cmd = dockerfile
      .split("\n")
      .map((line) => /^\s*CMD\s+(\[.*\])\s*$/i.exec(line)?.[1])
      .filter((line): line is string => Boolean(line))
      .at(-1);
    if (!cmd) throw new Error(`${dir}/Dockerfile: --local needs an exec-form CMD ["program", "arg", …]`);
    return JSON.parse(cmd) as string[];
  }
  const pkg = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as { scripts?: { start?: string } };
  if (!pkg.scripts?.start) throw new Error(`${dir}/package.json has no start script`);
  return ["sh", "-c", pkg.scripts.start];
}

export async function gradeLocally(dir: string, bundle: string, seed: number, readyTimeoutMs = 15_000): Promise<LocalOutcome> {
  const [program, ...args] = await startCommand(dir);
  const port = await freePort();
  const child = spawn(program, args, {
    cwd: dir,
    // Only what a solution needs: no secrets of the caller's environment.
    env: { NODE_ENV: "production", PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", PORT: String(port) },
    stdio: "ignore",
    detached: true,
  });
  const spawnError = new Promise<never>((_, reject) => child.once("error", reject));
  try {
    const run = execFileAsync(
      process.execPath,
      [bundle, "--base-url", `http://127.0.0.1:${port}`, "--ready-timeout-ms", String(readyTimeoutMs), "--seed", String(seed)],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const { stdout } = await Promise.race([run, spawnError]);
    const events = stdout
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { type: string; message?: string } & TestResult);
    const notReady = events.find((e) => e.type === "not-ready");
    if (notReady) return { ready: false, message: notReady.message ?? "not ready" };
    const results = events
      .filter((e) => e.type === "result")
      .map((e) => {
        const result: Partial<typeof e> = { ...e };
        delete result.type;
        return result as TestResult;
      });
    return { ready: true, results };
  } finally {
    // The start command may have children (sh -c node …): end the whole process group.
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}
