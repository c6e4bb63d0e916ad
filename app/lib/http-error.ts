/**
 * A failure whose message is written for the user, with the HTTP status it answers with. Server
 * modules throw it; a route either shows the message in its form or throws `toResponse()`, and the
 * JSON API turns it into a problem document, so no route converts error classes by hand.
 */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly status = 400,
    /** Messages for individual form fields, by field name. */
    readonly fieldErrors: Record<string, string> = {},
    /** Further lines the page lists under the message. */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = "HttpError";
  }

  /** The plain-text response a loader or action throws. */
  toResponse(): Response {
    return new Response(this.message, { status: this.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
