import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { RequestHandler } from "express";
import type { Logger } from "pino";
import { collectDefaultMetrics, Histogram, Registry } from "prom-client";
import { REQUEST_ID_PATTERN } from "../../runner/contract/request-id";

// A request id and one log line per request, plus the HTTP duration histogram by route and status,
// served to Prometheus on a separate port so the public site never exposes it.

declare module "express-serve-static-core" {
  interface Locals {
    requestId?: string;
  }
}

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const httpDuration = new Histogram({
  name: "hirekit_http_request_duration_seconds",
  help: "Time from request to the end of the response, by method, route and status",
  labelNames: ["method", "route", "status"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const ID_SEGMENT = /^(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9_-]{20,})$/i;

/** A low-cardinality route label: ids, tokens and slugs become placeholders. */
export function routeLabel(pathname: string): string {
  if (pathname.startsWith("/assets/")) return "/assets/*";
  const segments = pathname.split("/").filter(Boolean);
  if (segments[0] === "c" && segments[1]) segments[1] = ":token";
  if (segments[0] === "jobs" && segments[1]) segments[1] = ":slug";
  if (segments[0] === "api" && segments.length > 3) segments.splice(3, segments.length - 3, "*");
  return `/${segments.map((segment) => (ID_SEGMENT.test(segment) ? ":id" : segment)).join("/")}`;
}

export function requestLogging(log: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get("x-request-id");
    const id = incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = id;
    res.set("X-Request-Id", id);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeLabel(req.path);
      httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      const level = res.statusCode >= 500 ? "error" : "info";
      log[level]({ reqId: id, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) }, "request");
    });
    next();
  };
}

export function startMetricsServer(port: number, host: string, log: Logger): Server {
  const server = createServer((req, res) => {
    if (req.url !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { "Content-Type": registry.contentType }).end(text),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  server.listen(port, host, () => log.info({ port, host }, "metrics listening"));
  return server;
}
