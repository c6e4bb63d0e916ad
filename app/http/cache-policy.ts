// Pages for a signed-in user or a candidate link carry personal data: no browser or proxy may keep
// them, whatever the route said. Anonymous responses keep the route's own policy (public JD pages
// are cacheable) and default to no-store.

import { SESSION_COOKIE_NAME } from "../lib/session-cookie";
import { isCandidatePath } from "./security";

const SESSION_COOKIE = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE_NAME}=[^;]`);

function hasSession(cookie: string | undefined): boolean {
  return SESSION_COOKIE.test(cookie ?? "");
}

/**
 * An anonymous GET of a public JD page: rendered without per-user data, with a nonce that is the
 * same for every visitor of this build, so the bytes (and the ETag) only change with the content.
 */
export function isCacheablePublicRequest(method: string, path: string, cookie: string | undefined): boolean {
  return (method === "GET" || method === "HEAD") && /^\/jobs(\/|$)/.test(path) && !hasSession(cookie);
}

export function responseCacheControl(input: { path: string; cookie: string | undefined; routeValue: string | null }): string {
  const personal = hasSession(input.cookie) || isCandidatePath(input.path);
  if (input.routeValue && (!personal || /\bno-store\b/.test(input.routeValue))) return input.routeValue;
  return "no-store";
}
