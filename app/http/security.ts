// Security headers and the CSRF origin rule, kept free of Express so they are unit-tested directly.

export function contentSecurityPolicy(nonce: string, options: { dev: boolean }): string {
  const connect = options.dev ? "'self' ws: wss:" : "'self'";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${options.dev ? " 'unsafe-inline'" : ""}`,
    // Inline style attributes are used by server-rendered SVG charts.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Candidate links carry their secret in the path, so their pages must not send it on as a referrer. */
export function isCandidatePath(pathname: string): boolean {
  return pathname.startsWith("/c/");
}

export function securityHeaders(nonce: string, options: { dev: boolean; https: boolean; path?: string }): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(nonce, options),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": options.path && isCandidatePath(options.path) ? "no-referrer" : "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
  if (options.https) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type CsrfVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Every state-changing request must come from one of our own origins. Browsers send Origin on
 * every cross-site POST, so a missing Origin is only accepted with a same-origin Referer.
 */
export function checkCsrf(method: string, headers: { origin?: string; referer?: string }, allowedOrigins: string[]): CsrfVerdict {
  if (SAFE_METHODS.has(method.toUpperCase())) return { ok: true };
  const source = headers.origin && headers.origin !== "null" ? headers.origin : originOf(headers.referer);
  if (!source) return { ok: false, reason: "the request has neither an Origin nor a Referer header" };
  if (!allowedOrigins.includes(source)) return { ok: false, reason: `the request comes from ${source}, not from this site` };
  return { ok: true };
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * The public API authenticates with tokens only: the server drops cookies on these paths, so a
 * cross-site request carries no ambient credentials and there is nothing for CSRF to abuse.
 */
export function isTokenApiPath(pathname: string): boolean {
  return pathname === "/api/v1" || pathname.startsWith("/api/v1/");
}
