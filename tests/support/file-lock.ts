import { mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";

// A directory lock: mkdir is atomic, so concurrent test workers agree on who builds.
export async function withFileLock<T>(lockPath: string, work: () => Promise<T>, timeoutMs = 300_000): Promise<T> {
  mkdirSync(path.dirname(lockPath), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lockPath);
      break;
    } catch {
      const age = Date.now() - (statSync(lockPath, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > timeoutMs) rmSync(lockPath, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockPath}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockPath, { recursive: true, force: true });
  }
}
