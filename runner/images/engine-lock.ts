import os from "node:os";
import path from "node:path";
import type Docker from "dockerode";
import { withFileLock } from "../../scripts/lib/file-lock";

/**
 * Images live in the Docker Engine, not in a checkout: two checkouts (or two workers) on one host
 * share the engine, so the build lock is keyed by the engine's ID in a host-wide directory.
 */
export async function engineLockPath(docker: Docker): Promise<string> {
  const info = (await docker.info()) as { ID?: string };
  const engineId = (info.ID ?? "unknown-engine").replace(/[^A-Za-z0-9_-]/g, "_");
  return path.join(os.tmpdir(), "hirekit-locks", `${engineId}.images.lock`);
}

/**
 * Runs `build` at most once per engine while others wait: each caller checks `isCurrent` before
 * and again inside the lock, so whoever waited finds the images built and returns.
 */
export async function buildOncePerEngine(options: {
  docker: Docker;
  isCurrent: () => Promise<boolean>;
  build: () => Promise<void>;
  timeoutMs?: number;
}): Promise<boolean> {
  if (await options.isCurrent()) return false;
  const lock = await engineLockPath(options.docker);
  return withFileLock(lock, options.timeoutMs ?? 15 * 60_000, async () => {
    if (await options.isCurrent()) return false;
    await options.build();
    return true;
  });
}

/** Logs the phase name and elapsed seconds every `everyMs` while a long step runs. */
export async function withProgress<T>(
  phase: string,
  log: (line: string) => void,
  step: () => Promise<T>,
  everyMs = 10_000,
): Promise<T> {
  const started = Date.now();
  log(`${phase}: started`);
  const timer = setInterval(() => log(`${phase}: ${Math.round((Date.now() - started) / 1000)} s elapsed`), everyMs);
  try {
    const result = await step();
    log(`${phase}: done in ${Math.round((Date.now() - started) / 1000)} s`);
    return result;
  } finally {
    clearInterval(timer);
  }
}
