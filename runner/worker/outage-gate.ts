// While the sandbox engine or the database is unreachable the worker takes no jobs: each would
// fail at once. It checks on a timer and resumes by itself when both answer again.
import type { Worker } from "bullmq";
import type { InfraHealth } from "./infra-health";

export class OutageGate {
  private timer: NodeJS.Timeout | undefined;
  private since = 0;
  private stopped = false;

  constructor(
    private readonly worker: Pick<Worker, "pause" | "resume">,
    private readonly health: InfraHealth,
    private readonly checkMs: number,
    private readonly log: (line: string) => void,
  ) {}

  active(): boolean {
    return this.timer !== undefined;
  }

  /** Pauses taking jobs (running ones finish) and starts checking for the end of the outage. */
  enter(cause: string): void {
    if (this.timer || this.stopped) return;
    this.since = Date.now();
    this.log(`pausing: ${cause}`);
    void this.worker.pause(true);
    this.timer = setInterval(() => void this.check(), this.checkMs);
    this.timer.unref();
  }

  private async check(): Promise<void> {
    const status = await this.health.check();
    if (!status.healthy || !this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.stopped) return;
    this.log(`resuming: the infrastructure answers again after ${Math.round((Date.now() - this.since) / 1000)} s`);
    this.worker.resume();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
