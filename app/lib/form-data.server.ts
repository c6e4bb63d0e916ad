// Every action reads its form through here: a body that is not a form, or a form that cannot be
// parsed, is the client's mistake and gets a 4xx with the usual error page and one log line,
// never a 500 with a stack trace.

import { logger } from "./logger.server";

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** The response thrown for a request the client got wrong; the route's error boundary renders it. */
export function clientError(request: Request, status: number, message: string): Response {
  const path = new URL(request.url).pathname;
  logger().warn({ method: request.method, path, status }, `${request.method} ${path} → ${status}: ${message}`);
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

function mediaTypeOf(contentType: string | null | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

/** Media types are case-insensitive: "Multipart/Form-Data" is an upload too. */
export function isMultipart(contentType: string | null | undefined): boolean {
  return mediaTypeOf(contentType) === "multipart/form-data";
}

/**
 * The request with its multipart media type spelled in lower case, the only spelling Remix's
 * multipart parser accepts; the body is passed on unread.
 */
export function withLowerCaseMultipart(request: Request): Request {
  const contentType = request.headers.get("content-type") ?? "";
  if (!isMultipart(contentType) || contentType.startsWith("multipart/form-data")) return request;
  const headers = new Headers(request.headers);
  headers.set("content-type", contentType.replace(/^\s*multipart\/form-data/i, "multipart/form-data"));
  return new Request(request.url, { method: request.method, headers, body: request.body, signal: request.signal, duplex: "half" } as RequestInit);
}

export async function readForm(request: Request): Promise<FormData> {
  if (!FORM_TYPES.includes(mediaTypeOf(request.headers.get("content-type")))) {
    throw clientError(request, 415, "Send this form as application/x-www-form-urlencoded or multipart/form-data.");
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch (error) {
    throw clientError(request, 400, `The form could not be read (${(error as Error).message}).`);
  }
  // PostgreSQL refuses NUL in text, and no form field of ours has a use for it: it goes here, for
  // every field of every form at once (the schemas' safeText strips other controls as well).
  const clean = new FormData();
  for (const [name, value] of form) clean.append(name.replaceAll("\0", ""), typeof value === "string" ? value.replaceAll("\0", "") : value);
  return clean;
}

/** The form's text fields as a plain object, for zod; file fields keep their File value. */
export async function readFormObject(request: Request): Promise<Record<string, FormDataEntryValue>> {
  return Object.fromEntries(await readForm(request));
}
