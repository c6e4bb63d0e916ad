import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { prisma } from "../lib/db.server";

// While PostgreSQL is unreachable every request is answered 503 with Retry-After and a calm page,
// and the outage is logged once (when it starts) and once more when it ends, instead of a Prisma
// stack trace per request. The state lives on globalThis because the Express server (run by tsx)
// and the Remix server build (bundled by Vite) each load their own copy of this module.

export const RETRY_AFTER_SECONDS = 10;
const PROBE_INTERVAL_MS = 1_000;
const PROBE_TIMEOUT_MS = 2_000;

const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
// Prisma: can't reach (P1001), timed out (P1002), server closed the connection (P1017), pool timeout (P2024).
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
// PostgreSQL: connection exceptions (08…), admin/crash shutdown and "starting up" (57P01-03).
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123])$/;
const NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EPIPE"]);
const MESSAGES = /Can't reach database server|Connection terminated|the database system is (shutting down|starting up|in recovery mode)|terminating connection due to administrator command|Server has closed the connection/i;

/** True for errors that mean "the database is not there right now", not "the query was wrong". */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  if (typeof e.kind === "string" && UNREACHABLE_KINDS.has(e.kind)) return true;
  if (typeof e.code === "string" && (PRISMA_CODES.has(e.code) || SQLSTATE.test(e.code) || NODE_CODES.has(e.code))) return true;
  if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1);
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split("\n").map((line) => line.trim()).filter(Boolean);
  // Prisma puts the invocation first and the cause last.
  return (lines.at(-1) ?? "unknown error").slice(0, 200);
}

export class DatabaseOutage {
  private downSince: number | null = null;
  private answered = 0;
  private lastProbe = 0;
  private probing: Promise<boolean> | null = null;

  constructor(
    private readonly probe: () => Promise<unknown>,
    private readonly log: (line: string) => void = (line) => console.error(line),
    private readonly now: () => number = Date.now,
  ) {}

  get down(): boolean {
    return this.downSince !== null;
  }

  /** Records an error; returns true (and logs only the first of an outage) when it is a database outage. */
  report(error: unknown): boolean {
    if (!isDatabaseUnavailable(error)) return false;
    if (this.downSince === null) {
      this.downSince = this.now();
      this.answered = 0;
      this.lastProbe = this.now();
      this.log(`PostgreSQL is unreachable (${describe(error)}); answering 503 until it is back.`);
    }
    return true;
  }

  /** While down, checks (at most once a second, one probe shared by all waiting requests) whether it is back. */
  async stillDown(): Promise<boolean> {
    if (this.downSince === null) return false;
    if (this.now() - this.lastProbe < PROBE_INTERVAL_MS) return true;
    this.probing ??= this.runProbe().finally(() => (this.probing = null));
    return this.probing;
  }

  countAnswered(): void {
    this.answered += 1;
  }

  private async runProbe(): Promise<boolean> {
    this.lastProbe = this.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.probe(),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS))),
      ]);
    } catch {
      return true;
    } finally {
      clearTimeout(timer);
    }
    if (this.downSince !== null) {
      const seconds = ((this.now() - this.downSince) / 1000).toFixed(1);
      this.log(`PostgreSQL is reachable again after ${seconds} s (${this.answered} request${this.answered === 1 ? "" : "s"} answered 503).`);
      this.downSince = null;
    }
    return false;
  }
}

declare global {
  var __hirekitDatabaseOutage: DatabaseOutage | undefined;
}

/** The process-wide outage state; the probe is a `SELECT 1` through the shared Prisma client. */
export function databaseOutage(): DatabaseOutage {
  globalThis.__hirekitDatabaseOutage ??= new DatabaseOutage(() => prisma.$queryRaw`SELECT 1`);
  return globalThis.__hirekitDatabaseOutage;
}

const TITLE = "Hirekit is briefly unavailable";
const DETAIL = "Part of Hirekit is restarting. Nothing you have sent is lost; this page tries again by itself in a few seconds.";

export function unavailableHtml(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}">
<title>${TITLE}</title>
<style nonce="${nonce}">body{font-family:system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f7f7f5;color:#1d1d1b}main{max-width:32rem;padding:2rem}h1{font-size:1.5rem}</style>
</head>
<body>
<main id="main">
<h1>${TITLE}</h1>
<p>${DETAIL}</p>
<p><a href="">Try again now</a></p>
</main>
</body>
</html>
`;
}

function wantsHtml(accept: string | null | undefined, path: string): boolean {
  if (path.endsWith(".data")) return false;
  return !accept || accept.includes("text/html") || accept.includes("*/*");
}

/** The 503 itself, for code that builds a Fetch Response (the Remix entry). */
export function unavailableResponse(request: Request, nonce: string): Response {
  const url = new URL(request.url);
  const headers = { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" };
  if (wantsHtml(request.headers.get("accept"), url.pathname)) {
    return new Response(unavailableHtml(nonce), { status: 503, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
  }
  return Response.json({ error: `${TITLE}. Try again in ${RETRY_AFTER_SECONDS} seconds.` }, { status: 503, headers });
}

/**
 * Express middleware in front of Remix: once an outage is known, requests are answered here
 * without touching the database, until a probe finds it back. /healthz keeps reporting itself.
 */
export function databaseOutageGate(outage: () => DatabaseOutage = databaseOutage) {
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const state = outage();
    if (req.path === "/healthz" || !(await state.stillDown())) return next();
    state.countAnswered();
    res.status(503).set({ "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" });
    if (wantsHtml(req.get("accept"), req.path)) res.type("html").send(unavailableHtml(String(res.locals.cspNonce ?? "")));
    else res.json({ error: `${TITLE}. Try again in ${RETRY_AFTER_SECONDS} seconds.` });
  };
}
