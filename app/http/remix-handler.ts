import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable } from "@remix-run/node";
import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from "express";
import { responseCacheControl } from "./cache-policy";
import { sendRenderedPublicPage } from "./public-pages";
import { databaseOutage, unavailableResponse } from "./unavailable";

// The Remix adapter for Express, ours so that it can hand Remix the body the size limit already
// read, and so that a route's header replaces the default one set earlier (one Referrer-Policy)
// instead of being sent twice.

function remixRequest(req: ExpressRequest, res: ExpressResponse): Request {
  // req.hostname honours "trust proxy" but drops the port, which the Host header still has.
  const port = (req.get("X-Forwarded-Host") ?? req.get("host") ?? "").split(":")[1];
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(key, item);
    else if (value !== undefined) headers.set(key, value);
  }
  let controller: AbortController | null = new AbortController();
  const signal = controller.signal;
  // Abort loaders and actions once the client is gone before the response was sent.
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = res.locals.body ?? createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  return new Request(url.href, init);
}

async function sendResponse(req: ExpressRequest, res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) {
    if (key === "set-cookie") continue;
    res.set(key, value);
  }
  for (const cookie of response.headers.getSetCookie()) res.append("Set-Cookie", cookie);
  const cacheControl = responseCacheControl({ path: req.path, cookie: req.get("cookie"), routeValue: response.headers.get("Cache-Control") });
  res.set("Cache-Control", cacheControl);
  if (response.status === 200 && /\bpublic\b/.test(cacheControl) && response.body) {
    // A shared-cacheable page is small and whole: hashed for its ETag, compressed once, kept briefly.
    const headers = [...response.headers.entries()].filter(([key]) => key !== "set-cookie");
    sendRenderedPublicPage(req, res, {
      body: Buffer.from(await response.arrayBuffer()),
      headers: [...headers, ["cache-control", cacheControl]],
      keep: response.headers.getSetCookie().length === 0,
    });
    return;
  }
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

export function remixHandler(options: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}) {
  const handle = createRequestHandler(options.build, options.mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const request = remixRequest(req, res);
      const context = options.getLoadContext(req, res);
      const response = await handle(request, context);
      // A resource route (JSON, files) that failed because the database just went away gets the same
      // 503 as the pages; Remix answers those without passing through the document entry.
      const outage = response.status >= 500 && databaseOutage().down;
      await sendResponse(req, res, outage ? unavailableResponse(request, context.cspNonce) : response);
    } catch (error) {
      next(error);
    }
  };
}
