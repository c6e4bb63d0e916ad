import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Request as ExpressRequest, Response as ExpressResponse, RequestHandler } from "express";
import { isCacheablePublicRequest } from "./cache-policy";
import { PublicPageCache, type CachedPage } from "./public-page-cache";

// Public JD pages for anonymous visitors: one render serves a burst of them from memory, already
// compressed, answered before the static files and the database gate are consulted; revalidations
// get 304 by ETag. Each encoding has its own ETag, as a cache in front needs.

const publicPages = new PublicPageCache(5_000, 500);

function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((candidate) => {
    const value = candidate.trim();
    return value === "*" || value === etag || value === `W/${etag}`;
  });
}

function sendPage(req: ExpressRequest, res: ExpressResponse, page: Pick<CachedPage, "etag" | "body" | "gzip">): void {
  res.vary("Accept-Encoding");
  const gzip = req.acceptsEncodings("gzip", "identity") === "gzip";
  const etag = gzip ? `"${page.etag.slice(1, -1)}-gz"` : page.etag;
  res.set("ETag", etag);
  if (ifNoneMatch(req.get("if-none-match"), etag)) {
    res.status(304).end();
    return;
  }
  const body = gzip ? page.gzip : page.body;
  // Set here, the compression middleware leaves the bytes alone.
  if (gzip) res.set("Content-Encoding", "gzip");
  res.set("Content-Length", String(body.byteLength));
  res.end(body);
}

/** Answers an anonymous GET of a public page that was rendered in the last few seconds. */
export function cachedPublicPages(): RequestHandler {
  return (req, res, next) => {
    const cached = isCacheablePublicRequest(req.method, req.path, req.get("cookie")) ? publicPages.get(req.originalUrl) : undefined;
    if (!cached) return next();
    res.status(200);
    for (const [key, value] of cached.headers) res.set(key, value);
    sendPage(req, res, cached);
  };
}

/** Sends a freshly rendered shared-cacheable page, keeping it for the next visitors when it may be. */
export function sendRenderedPublicPage(req: ExpressRequest, res: ExpressResponse, rendered: { body: Buffer; headers: [string, string][]; keep: boolean }): void {
  const etag = `"${createHash("sha256").update(rendered.body).digest("base64url").slice(0, 32)}"`;
  const page = { headers: rendered.headers, body: rendered.body, gzip: gzipSync(rendered.body), etag };
  if (rendered.keep && isCacheablePublicRequest(req.method, req.path, req.get("cookie"))) publicPages.set(req.originalUrl, page);
  sendPage(req, res, page);
}
