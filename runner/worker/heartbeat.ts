// Writes this worker's heartbeat (runner/contract/heartbeat.ts) every few seconds: its identity,
// whether the Docker Engine answers a ping, whether it is paused for an outage and its last job.
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";
import { removeHeartbeat, writeHeartbeat, type Heartbeat } from "../contract/heartbeat";

const PING_TIMEOUT_MS = 5_000;

export interface HeartbeatSource {
  redis: Redis;
  concurrency: number;
  prefix: string;
  /** The engine's ping (the driver's). */
  ping(): Promise<void>;
  paused(): boolean;
  log(line: string): void;
}

export class WorkerHeartbeat {
  private readonly host = hostname();
  private readonly startedAt = Date.now();
  private lastJob: Heartbeat["lastJob"] = null;
  private timer: NodeJS.Timeout | null = null;
  private beating: Promise<void> | null = null;

  constructor(private readonly source: HeartbeatSource) {}

  recordJob(submissionId: string, outcome: string): void {
    this.lastJob = { submissionId, outcome, at: Date.now() };
  }

  /** Beats once now, then every intervalMs. */
  async start(intervalMs: number): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), intervalMs);
    this.timer.unref();
  }

  beat(): Promise<void> {
    this.beating ??= this.write().finally(() => {
      this.beating = null;
    });
    return this.beating;
  }

  private async write(): Promise<void> {
    let engineError: string | null = null;
    try {
      await Promise.race([
        this.source.ping(),
        sleep(PING_TIMEOUT_MS).then(() => {
          throw new Error(`no answer within ${PING_TIMEOUT_MS / 1000} s`);
        }),
      ]);
    } catch (error) {
      engineError = (error as Error).message.split("\n")[0];
    }
    try {
      await writeHeartbeat(this.source.redis, {
        host: this.host,
        pid: process.pid,
        concurrency: this.source.concurrency,
        prefix: this.source.prefix,
        engineReachable: engineError === null,
        engineError,
        paused: this.source.paused(),
        startedAt: this.startedAt,
        at: Date.now(),
        lastJob: this.lastJob,
      });
    } catch (error) {
      this.source.log(`heartbeat not written: ${(error as Error).message}`);
    }
  }

  /** Stops beating and removes the heartbeat: a worker that shut down cleanly is not "missing". */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.beating?.catch(() => undefined);
    await removeHeartbeat(this.source.redis, this.source.prefix, this.host, process.pid).catch(() => undefined);
  }
}
