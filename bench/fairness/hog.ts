// A CPU hog for fairness runs: busy-loop processes that end on their own after a deadline (so a
// killed bench leaves nothing spinning for long) and are killed when the bench exits.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus } from "node:os";

const TASKSET = "/usr/bin/taskset";

export interface Hog {
  readonly pids: number[];
  stop(): void;
}

export function startHog(processes: number, maxSeconds: number): Hog {
  // A busy loop never yields to timers, so each process checks its own deadline.
  const script = `const end = Date.now() + ${Math.round(maxSeconds * 1000)}; while (Date.now() < end) {}`;
  // The worker set-up pins this process to the build cores; the hog must load every core.
  const allCores = `0-${cpus().length - 1}`;
  const command: [string, string[]] = existsSync(TASKSET) ? [TASKSET, ["--cpu-list", allCores, process.execPath, "-e", script]] : [process.execPath, ["-e", script]];
  const children: ChildProcess[] = Array.from({ length: processes }, () =>
    // Each in its own session: like unrelated host load, not one scheduling group.
    spawn(command[0], command[1], { stdio: "ignore", detached: true }),
  );
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    for (const child of children) {
      if (child.exitCode === null && child.pid) {
        try {
          process.kill(child.pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
    }
    process.off("exit", stop);
  };
  process.on("exit", stop);
  return { pids: children.map((child) => child.pid ?? 0), stop };
}
