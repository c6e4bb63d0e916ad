// The worker's Prometheus metrics (prom-client), named like the web app's (app/http/observability.ts:
// hirekit_*, seconds, a registry of its own with the default process metrics). Served only when
// WORKER_METRICS_PORT is set, on WORKER_METRICS_HOST (127.0.0.1 by default).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Queue } from "bullmq";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { GradeResult } from "../pipeline/grade";

const SECONDS_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

export class GradingMetrics {
  readonly registry = new Registry();
  private readonly queueWait = new Histogram({
    name: "hirekit_grading_queue_wait_seconds",
    help: "Time from enqueueing (plus any delay it was given) to a worker taking the grading job; a retry counts from its first enqueue",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900],
    registers: [this.registry],
  });
  private readonly stageDuration = new Histogram({
    name: "hirekit_grading_stage_duration_seconds",
    help: "Duration of each grading stage (extract, build, start, ready, tests) by the run's outcome",
    labelNames: ["stage", "outcome"],
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });
  private readonly gradingDuration = new Histogram({
    name: "hirekit_grading_duration_seconds",
    help: "Whole grading runs by outcome (GRADED, FAILED, inconclusive)",
    labelNames: ["outcome"],
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });
  private readonly containerStart = new Histogram({
    name: "hirekit_container_start_seconds",
    help: "From creating the prober and service containers to both running (the start stage)",
    buckets: [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10],
    registers: [this.registry],
  });
  private readonly inconclusive = new Counter({
    name: "hirekit_grading_inconclusive_total",
    help: "Test phases thrown away because the host starved the service or the prober",
    registers: [this.registry],
  });
  private readonly retried = new Counter({
    name: "hirekit_grading_retried_total",
    help: "Grading jobs put back in the queue, by cause (outage: no attempt spent; fault: an attempt spent; inconclusive)",
    labelNames: ["cause"],
    registers: [this.registry],
  });

  constructor(queue: Queue) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: "hirekit_grading_queue_depth",
      help: "Grading jobs in the queue by state, read from Redis at each scrape",
      labelNames: ["state"],
      registers: [this.registry],
      async collect() {
        const counts = await queue.getJobCounts("waiting", "delayed", "active", "prioritized");
        for (const [state, count] of Object.entries(counts)) this.set({ state }, count);
      },
    });
  }

  jobTaken(job: { timestamp: number; delay?: number }, now = Date.now()): void {
    const dueAt = job.timestamp + (job.delay ?? 0);
    this.queueWait.observe(Math.max(0, now - dueAt) / 1000);
  }

  graded(result: GradeResult): void {
    const outcome = result.inconclusive !== null ? "inconclusive" : result.status;
    if (result.inconclusive !== null) this.inconclusive.inc();
    for (const [stage, ms] of Object.entries(result.timings)) {
      if (stage !== "total" && typeof ms === "number") this.stageDuration.observe({ stage, outcome }, ms / 1000);
    }
    this.gradingDuration.observe({ outcome }, result.timings.total / 1000);
    if (typeof result.timings.start === "number") this.containerStart.observe(result.timings.start / 1000);
  }

  retriedFor(cause: "outage" | "fault" | "inconclusive"): void {
    this.retried.inc({ cause });
  }

  /** Serves /metrics; resolves with the bound port (0 picks a free one). */
  async serve(port: number, host: string): Promise<{ server: Server; port: number }> {
    const server = createServer((request, response) => {
      if (request.url !== "/metrics") {
        response.writeHead(404).end();
        return;
      }
      this.registry.metrics().then(
        (text) => response.writeHead(200, { "Content-Type": this.registry.contentType }).end(text),
        (error: Error) => response.writeHead(500).end(error.message),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve());
    });
    return { server, port: (server.address() as AddressInfo).port };
  }
}
