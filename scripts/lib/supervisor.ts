import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";

// Keeps `npm start`'s long-running children (web, worker) alive: a child that dies while we are
// not stopping is restarted with an exponential backoff, and every restart is announced. Stopping
// sends SIGTERM, waits, escalates to SIGKILL, and reports whatever could not be stopped.

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  stdio?: StdioOptions;
}

export interface SupervisorOptions {
  log?: (line: string) => void;
  /** First restart delay; doubles per crash in a row, up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A child that stayed up this long counts as healthy again: its backoff starts over. */
  healthyAfterMs?: number;
  /** Crashes in a row (none healthy in between) after which the supervisor gives up on a child. */
  maxCrashesInARow?: number;
  /** How long a SIGTERM may take before SIGKILL. */
  stopGraceMs?: number;
  onGiveUp?: (name: string) => void;
}

export interface StopReport {
  ok: boolean;
  /** Children that ignored SIGTERM and were killed. */
  killed: string[];
  /** Children still running after SIGKILL (or that could not be signalled). */
  failures: string[];
}

interface Supervised {
  spec: ChildSpec;
  child: ChildProcess | null;
  exited: Promise<void>;
  startedAt: number;
  crashesInARow: number;
  restarts: number;
  timer: NodeJS.Timeout | null;
  gaveUp: boolean;
}

/** A child killed by a signal has exitCode null and signalCode set; either means it is gone. */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

export function restartDelay(crashesInARow: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, crashesInARow - 1));
}

export class Supervisor {
  private readonly children = new Map<string, Supervised>();
  private stopping = false;
  private readonly log: (line: string) => void;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly healthyAfterMs: number;
  private readonly maxCrashesInARow: number;
  private readonly stopGraceMs: number;

  constructor(private readonly options: SupervisorOptions = {}) {
    this.log = options.log ?? ((line) => console.log(line));
    this.initialBackoffMs = options.initialBackoffMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.healthyAfterMs = options.healthyAfterMs ?? 60_000;
    this.maxCrashesInARow = options.maxCrashesInARow ?? 8;
    this.stopGraceMs = options.stopGraceMs ?? 30_000;
  }

  start(spec: ChildSpec): void {
    if (this.children.has(spec.name)) throw new Error(`${spec.name} is already supervised`);
    const entry: Supervised = { spec, child: null, exited: Promise.resolve(), startedAt: 0, crashesInARow: 0, restarts: 0, timer: null, gaveUp: false };
    this.children.set(spec.name, entry);
    this.launch(entry);
  }

  /** Current process id of a child, or undefined while it is down. */
  pid(name: string): number | undefined {
    const child = this.children.get(name)?.child;
    return child && !hasExited(child) ? child.pid : undefined;
  }

  restarts(name: string): number {
    return this.children.get(name)?.restarts ?? 0;
  }

  private launch(entry: Supervised): void {
    const { spec } = entry;
    // A process group of its own: Ctrl-C in the terminal reaches only the supervisor, which then
    // stops each child once (the worker reads a second signal as "exit without finishing").
    const child = spawn(spec.command, spec.args, { env: spec.env ?? process.env, stdio: spec.stdio ?? "inherit", detached: true });
    entry.child = child;
    entry.startedAt = Date.now();
    entry.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        resolve();
        this.onExit(entry, child, code, signal);
      });
      // A spawn failure emits "error" and no "exit"; treat it as a crash.
      child.once("error", (error) => {
        if (child.pid !== undefined) return;
        resolve();
        this.log(`${spec.name} could not be started: ${error.message}`);
        this.onExit(entry, child, null, null);
      });
    });
  }

  private onExit(entry: Supervised, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping || entry.child !== child) return;
    entry.child = null;
    const upMs = Date.now() - entry.startedAt;
    entry.crashesInARow = upMs >= this.healthyAfterMs ? 1 : entry.crashesInARow + 1;
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    if (entry.crashesInARow > this.maxCrashesInARow) {
      entry.gaveUp = true;
      this.log(`${entry.spec.name} ${how}; it crashed ${entry.crashesInARow} times in a row, giving up.`);
      this.options.onGiveUp?.(entry.spec.name);
      return;
    }
    const delay = restartDelay(entry.crashesInARow, this.initialBackoffMs, this.maxBackoffMs);
    this.log(`${entry.spec.name} ${how} after ${(upMs / 1000).toFixed(1)} s; restarting it in ${(delay / 1000).toFixed(1)} s.`);
    entry.timer = setTimeout(() => {
      entry.timer = null;
      if (this.stopping) return;
      entry.restarts += 1;
      this.launch(entry);
      this.log(`${entry.spec.name} restarted (pid ${entry.child?.pid ?? "?"}, restart ${entry.restarts}).`);
    }, delay);
  }

  /** Stops every child (in reverse start order) and says what could not be stopped. */
  async stop(): Promise<StopReport> {
    this.stopping = true;
    const report: StopReport = { ok: true, killed: [], failures: [] };
    const entries = [...this.children.values()].reverse();
    for (const entry of entries) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = null;
    }
    await Promise.all(entries.map((entry) => this.stopOne(entry, report)));
    report.ok = report.failures.length === 0;
    return report;
  }

  /** A second Ctrl-C: no more waiting. */
  killAll(): void {
    for (const entry of this.children.values()) {
      if (entry.child && !hasExited(entry.child)) entry.child.kill("SIGKILL");
    }
  }

  private async stopOne(entry: Supervised, report: StopReport): Promise<void> {
    const child = entry.child;
    if (!child || hasExited(child)) return;
    const { name } = entry.spec;
    if (!signal(child, "SIGTERM")) {
      report.failures.push(`${name} (pid ${child.pid}) could not be signalled`);
      return;
    }
    if (await exitsWithin(entry.exited, this.stopGraceMs)) return;
    this.log(`${name} did not stop within ${Math.round(this.stopGraceMs / 1000)} s; killing it.`);
    report.killed.push(name);
    signal(child, "SIGKILL");
    if (!(await exitsWithin(entry.exited, 5_000))) report.failures.push(`${name} (pid ${child.pid}) is still running after SIGKILL`);
  }
}

function signal(child: ChildProcess, name: NodeJS.Signals): boolean {
  try {
    return child.kill(name) || hasExited(child);
  } catch {
    return false;
  }
}

async function exitsWithin(exited: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([exited.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface StoppableService {
  name: string;
  startedByUs: boolean;
  stop(): Promise<void>;
}

/**
 * The whole shutdown: children first (they hold connections to the services), then the services
 * this command started, newest first. Returns the exit status: the one asked for, or 1 when
 * anything could not be stopped.
 */
export async function shutdown(supervisor: Supervisor, services: StoppableService[], requested: number, log: (line: string) => void): Promise<number> {
  const report = await supervisor.stop();
  for (const failure of report.failures) log(`    could not stop ${failure}`);
  let failed = !report.ok;
  for (const service of [...services].reverse()) {
    if (!service.startedByUs) continue;
    try {
      await service.stop();
      log(`    stopped ${service.name}`);
    } catch (error) {
      failed = true;
      log(`    could not stop ${service.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return failed ? 1 : requested;
}
