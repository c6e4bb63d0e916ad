import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { getConfig } from "../lib/config.server";
import { logger } from "../lib/logger.server";
import { addressGuard } from "./address-guard";
import { bodyLimit } from "./body-limit";
import { isCacheablePublicRequest } from "./cache-policy";
import { requestLogging, startMetricsServer } from "./observability";
import { cachedPublicPages } from "./public-pages";
import { remixHandler } from "./remix-handler";
import { checkCsrf, isTokenApiPath, securityHeaders } from "./security";
import { databaseOutageGate } from "./unavailable";

// The web process: static files, security headers and the CSRF rule for every request, then Remix.

const config = getConfig();
const dev = config.NODE_ENV === "development" && process.env.HIREKIT_SERVE_BUILD !== "1";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
    requestId: string;
  }
}

const viteDevServer = dev
  ? await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }))
  : undefined;

const log = logger();
const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY === "1") app.set("trust proxy", true);
app.use(requestLogging(log));

// One nonce per build for the cacheable public pages (see isCacheablePublicRequest); every other
// response gets a fresh one.
const publicPageNonce = dev ? randomBytes(16).toString("base64") : createHash("sha256").update(readFileSync(path.resolve("build/server/index.js"))).digest("base64").slice(0, 24);

app.use((req, res, next) => {
  const nonce = isCacheablePublicRequest(req.method, req.path, req.get("cookie")) ? publicPageNonce : randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.set(securityHeaders(nonce, { dev, https: config.PUBLIC_URL.startsWith("https:"), path: req.path }));
  next();
});

app.use(addressGuard());
// A public page rendered moments ago is answered here, already compressed, before the rest.
app.use(cachedPublicPages());
app.use(compression());

const allowedOrigins = [new URL(config.PUBLIC_URL).origin];
app.use((req, res, next) => {
  if (isTokenApiPath(req.path)) {
    delete req.headers.cookie;
    return next();
  }
  const host = req.get("host");
  const origins = host ? [...allowedOrigins, `${req.protocol}://${host}`] : allowedOrigins;
  const verdict = checkCsrf(req.method, { origin: req.get("origin"), referer: req.get("referer") }, origins);
  if (verdict.ok) return next();
  res.status(403).type("text/plain").send(`Refused: cross-site request (${verdict.reason}).`);
});

app.use(bodyLimit(config.BODY_MAX_BYTES));

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  app.use("/assets", express.static(path.resolve("build/client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.resolve("build/client"), { maxAge: "1h" }));
}

app.use(databaseOutageGate());

const build = viteDevServer
  ? () => viteDevServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
  : ((await import(path.resolve("build/server/index.js"))) as ServerBuild);

app.all(
  "*",
  remixHandler({
    build,
    mode: dev ? "development" : "production",
    getLoadContext: (req, res) => ({
      cspNonce: String(res.locals.cspNonce),
      requestId: res.locals.requestId ?? "",
      clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
    }),
  }),
);

const server = app.listen(config.PORT, config.HOST, () => {
  log.info({ url: config.PUBLIC_URL, port: config.PORT }, `Hirekit web listening on ${config.PUBLIC_URL}`);
});
const metricsServer = config.METRICS_PORT ? startMetricsServer(config.METRICS_PORT, config.METRICS_HOST, log) : undefined;

function shutdown() {
  metricsServer?.close();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
