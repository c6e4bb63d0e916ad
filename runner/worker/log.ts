import { hostname } from "node:os";
import { pino } from "pino";

// The worker's log: JSON lines on stdout (pino), like the web's, so one search by submissionId or
// reqId finds a submission's lines from its upload to its result across both.

export type LogFields = Record<string, unknown>;

/** One log line; the fields become properties of the JSON line. */
export type WorkerLog = (line: string, fields?: LogFields) => void;

export function jsonLog(service: string): WorkerLog {
  const logger = pino({ level: process.env.LOG_LEVEL ?? "info", base: { service, hostname: hostname(), pid: process.pid } });
  return (line, fields) => logger.info(fields ?? {}, line);
}
