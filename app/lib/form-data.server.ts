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

export async function readForm(request: Request): Promise<FormData> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(mediaType)) {
    throw clientError(request, 415, "Send this form as application/x-www-form-urlencoded or multipart/form-data.");
  }
  try {
    return await request.formData();
  } catch (error) {
    throw clientError(request, 400, `The form could not be read (${(error as Error).message}).`);
  }
}

/** The form's text fields as a plain object, for zod; file fields keep their File value. */
export async function readFormObject(request: Request): Promise<Record<string, FormDataEntryValue>> {
  return Object.fromEntries(await readForm(request));
}
