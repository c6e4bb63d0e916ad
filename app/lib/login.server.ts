import { z } from "zod";
import { safeText } from "~/domain/safe-text";
import { prisma } from "./db.server";
import { getDecoyHash, verifyPassword } from "./password.server";
import { lockedFor, recordFailure, recordSuccess } from "./login-throttle.server";
import { createUserSession } from "./session.server";
import { audit } from "./audit.server";
import { getConfig } from "./config.server";

export const LoginForm = z.object({
  email: z.email("Enter a valid email address").transform((value) => value.trim().toLowerCase()),
  password: z.string().min(1, "Enter your password").max(200, "Password is too long"),
  redirectTo: safeText().optional(),
});

export type LoginOutcome =
  | { kind: "ok"; setCookie: string; userId: string }
  | { kind: "invalid" }
  | { kind: "throttled"; retryAfterSeconds: number };

/** The same answer for an unknown email and a wrong password, so the form does not reveal accounts. */
export const INVALID_LOGIN_MESSAGE = "That email and password do not match an active account.";

export async function attemptLogin(email: string, password: string, ip: string): Promise<LoginOutcome> {
  const retryAfter = await lockedFor(email, ip);
  if (retryAfter !== null) return { kind: "throttled", retryAfterSeconds: retryAfter };
  const user = await prisma.user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await getDecoyHash()));
  if (!user || !valid || user.disabledAt) {
    await recordFailure(email, ip);
    return { kind: "invalid" };
  }
  await recordSuccess(email);
  await audit(prisma, { actorId: user.id, action: "auth.login", entityType: "User", entityId: user.id });
  return { kind: "ok", setCookie: await createUserSession(user.id), userId: user.id };
}

// C0/C1 controls, whitespace (tab, CR, LF, space, U+2028/2029 and friends) and backslashes: browsers
// drop or reinterpret them, so "/\t/evil.example/" can land on another host.
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const UNSAFE_IN_PATH = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff\\]/;

/** Raw controls anywhere, or encoded ones in the path (a query may carry an encoded space). */
function hasUnsafeCharacters(target: string): boolean {
  if (UNSAFE_IN_PATH.test(target)) return true;
  let current = target.split(/[?#]/, 1)[0];
  // Two decoding rounds also catch "%2509"-style double encoding.
  for (let round = 0; round <= 2; round++) {
    if (UNSAFE_IN_PATH.test(current)) return true;
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return true;
    }
    if (next === current) return false;
    current = next;
  }
  return UNSAFE_IN_PATH.test(current);
}

/**
 * Only paths on our own origin, so a crafted link cannot bounce a fresh login elsewhere: the target
 * is resolved against PUBLIC_URL and must keep its origin and a path that cannot be read as a host,
 * and neither it nor its decoded form may contain control or whitespace characters.
 */
export function safeRedirect(target: string | undefined | null, fallback = "/dashboard"): string {
  if (!target || !target.startsWith("/") || target.startsWith("//")) return fallback;
  if (hasUnsafeCharacters(target)) return fallback;
  const base = new URL(getConfig().PUBLIC_URL);
  let resolved: URL;
  try {
    resolved = new URL(target, base);
  } catch {
    return fallback;
  }
  if (resolved.origin !== base.origin) return fallback;
  // Resolving removes dot segments: "/.//evil.example" becomes the path "//evil.example", which a
  // browser reads as another host.
  if (resolved.pathname.startsWith("//") || hasUnsafeCharacters(resolved.pathname)) return fallback;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
