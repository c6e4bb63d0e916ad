// The production web entry (build/server.js): WEB_CONCURRENCY processes of app/http/server.ts under
// node:cluster, sharing one listening port; a process that dies is replaced. With one process (or
// in development) the server runs here without a supervisor.
import cluster from "node:cluster";
import { getConfig } from "../lib/config.server";
import { logger } from "../lib/logger.server";

const RESTART_DELAY_MS = 1_000;

function supervise(count: number): void {
  const log = logger();
  let stopping = false;
  for (let i = 0; i < count; i += 1) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    log.error({ pid: worker.process.pid, code, signal }, "web process exited; starting another");
    // A short pause, so a process that dies at start-up does not spin the machine.
    setTimeout(() => cluster.fork(), RESTART_DELAY_MS).unref();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    const exitWhenDone = () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    };
    cluster.on("exit", exitWhenDone);
    exitWhenDone();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  log.info({ processes: count }, `Hirekit web: ${count} processes`);
}

const config = getConfig();
if (cluster.isPrimary && config.WEB_CONCURRENCY > 1) supervise(config.WEB_CONCURRENCY);
else await import("./server");
