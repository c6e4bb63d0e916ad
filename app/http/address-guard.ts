import type { RequestHandler } from "express";
import { refuse } from "./refusal";

// An address whose percent-encoding does not decode, or that decodes to a NUL character, is the
// client's mistake: PostgreSQL refuses NUL in text, and Express would log a URIError stack for a
// broken encoding. Both are answered 400 here, before any route reads them.

function decodesCleanly(text: string): boolean {
  try {
    return !decodeURIComponent(text).includes("\0");
  } catch {
    return false;
  }
}

function queryOf(url: string): string {
  const mark = url.indexOf("?");
  return mark === -1 ? "" : url.slice(mark + 1);
}

export function addressGuard(): RequestHandler {
  return (req, res, next) => {
    // URLSearchParams decodes leniently (never throws), as the routes will read the query.
    const query = [...new URLSearchParams(queryOf(req.originalUrl))].flat();
    if (decodesCleanly(req.path) && !query.some((text) => text.includes("\0"))) return next();
    refuse(req, res, { status: 400, kind: "bad-request", title: "Bad request", detail: "the address is not valid: a broken percent-encoding or a NUL character." });
  };
}
