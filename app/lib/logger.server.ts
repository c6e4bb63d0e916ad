import { pino, type Logger } from "pino";

// The one logger: JSON lines on stdout (pino), level from LOG_LEVEL. Per-request children carry
// the request id, so every line about one request can be found together.

let root: Logger | undefined;

export function logger(): Logger {
  root ??= pino({ level: process.env.LOG_LEVEL ?? "info", base: { service: "hirekit-web" } });
  return root;
}
