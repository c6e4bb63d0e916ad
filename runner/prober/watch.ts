import type { ExitInfo, ProbeOutcome, ProbeRequest } from "../sandbox/driver";
import type { SandboxLimits } from "../sandbox/limits";
import { LineSplitter } from "../sandbox/output";
import type { TestResult } from "./contract";
import { parseProberLine } from "./events";

/**
 * Follows one prober run: its NDJSON events, its exit and the service's, and the readiness and
 * test deadlines. `outcome` settles once, with the first thing that decides the grading.
 */
export class ProberWatch {
  readonly outcome: Promise<ProbeOutcome>;
  private resolveOutcome!: (outcome: ProbeOutcome) => void;
  private rejectOutcome!: (error: Error) => void;
  private settled = false;
  private readonly results: TestResult[] = [];
  private readyMs: number | null = null;
  private total = 0;
  private serviceExit: ExitInfo | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly lines = new LineSplitter((line) => this.onLine(line));

  constructor(private readonly request: ProbeRequest, private readonly limits: SandboxLimits) {
    this.outcome = new Promise<ProbeOutcome>((resolve, reject) => {
      this.resolveOutcome = resolve;
      this.rejectOutcome = reject;
    });
    // Settled outcomes are awaited by probe(); one that nobody awaits must not crash the worker.
    this.outcome.catch(() => undefined);
  }

  private settle(value: ProbeOutcome | Error): void {
    if (this.settled) return;
    this.settled = true;
    for (const timer of this.timers) clearTimeout(timer);
    if (value instanceof Error) this.rejectOutcome(value);
    else this.resolveOutcome(value);
  }

  push(chunk: Buffer): void {
    this.lines.push(chunk);
  }

  fail(error: Error): void {
    this.settle(error);
  }

  private onLine(line: string): void {
    if (this.settled || line.trim() === "") return;
    let event;
    try {
      event = parseProberLine(line);
    } catch (error) {
      this.settle(error as Error);
      return;
    }
    this.request.onEvent?.(event);
    switch (event.type) {
      case "ready":
        this.readyMs = event.ms;
        this.timers.push(setTimeout(() => this.settle(this.partial("tests-timeout")), this.limits.testSeconds * 1000));
        break;
      case "not-ready":
        // A service that died while the prober waited explains itself better by its exit.
        this.settle(
          this.serviceExit
            ? { kind: "exited-before-ready", exit: this.serviceExit }
            : { kind: "not-ready", message: event.message },
        );
        break;
      case "start":
        this.total = event.total;
        break;
      case "result": {
        const { type: _type, ...result } = event;
        this.results.push(result);
        break;
      }
      case "done":
        this.settle(this.partial("completed"));
        break;
    }
  }

  private partial(kind: "completed" | "tests-timeout"): ProbeOutcome {
    return { kind, readyMs: this.readyMs ?? 0, total: this.total, results: [...this.results] };
  }

  /** A backstop in case the prober itself hangs before deciding on readiness. */
  armReadyDeadline(ms: number): void {
    this.timers.push(
      setTimeout(() => {
        if (this.readyMs === null)
          this.settle({ kind: "not-ready", message: `no answer from the readiness check within ${ms} ms` });
      }, ms),
    );
  }

  serviceExited(exit: ExitInfo): void {
    this.serviceExit = exit;
    if (this.readyMs === null) this.settle({ kind: "exited-before-ready", exit });
  }

  proberExited(exit: ExitInfo, stderr: string): void {
    this.lines.end();
    const detail = stderr.trim().slice(-2000) || "no output";
    this.settle(
      new Error(`prober exited with code ${exit.code}${exit.oomKilled ? " (out of memory)" : ""} before finishing: ${detail}`),
    );
  }
}
