import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { isMultipart } from "../lib/form-data.server";
import { refuse } from "./refusal";

// One size limit for every request body except the archive uploads, which stream to disk under
// their own limits. A body within the limit is read here, so Remix never buffers an unbounded one.

/** Multipart posts to the routes that take files: the candidate upload and the invitation CSV import. */
export function isUploadRequest(method: string, path: string, contentType: string | undefined): boolean {
  if (method !== "POST" || !isMultipart(contentType)) return false;
  return /^\/c\/[^/]+\/?$/.test(path) || /^\/invitations\/import\/?$/.test(path);
}

declare module "express-serve-static-core" {
  interface Locals {
    /** The request body, already read within the limit (absent for uploads and bodiless methods). */
    body?: Uint8Array<ArrayBuffer>;
  }
}

function refusal(req: ExpressRequest, res: ExpressResponse, maxBytes: number): void {
  res.set("Connection", "close");
  refuse(req, res, { status: 413, kind: "payload-too-large", title: "Payload too large", detail: `the request body is larger than ${Math.round(maxBytes / 1024)} KiB.` });
}

/**
 * Most clients read the answer only after sending the whole body, so a moderately oversized body
 * is read to its end (and dropped) before the 413; past this many bytes the connection is cut.
 */
export function drainCapFor(maxBytes: number): number {
  return Math.max(16 * maxBytes, 16 * 1024 * 1024);
}

export function bodyLimit(maxBytes: number): RequestHandler {
  const drainCap = drainCapFor(maxBytes);
  return (req: ExpressRequest, res, next) => {
    if (isUploadRequest(req.method, req.path, req.get("content-type"))) return next();
    const declared = req.get("content-length");
    if (declared !== undefined && Number(declared) > drainCap) return refusal(req, res, maxBytes);
    if (req.method === "GET" || req.method === "HEAD") return next();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= maxBytes) chunks.push(chunk);
      else if (size > drainCap) req.socket.destroy();
    });
    // A client that breaks off its own upload gets no answer; it is not a server fault to report.
    req.once("error", () => req.socket.destroy());
    req.once("end", () => {
      if (size > maxBytes) return refusal(req, res, maxBytes);
      res.locals.body = Buffer.concat(chunks);
      next();
    });
  };
}
