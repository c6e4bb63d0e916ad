import { z } from "zod";
import { prisma } from "./db.server";
import { getDecoyHash, verifyPassword } from "./password.server";
import { lockedFor, recordFailure, recordSuccess } from "./login-throttle.server";
import { createUserSession } from "./session.server";
import { audit } from "./audit.server";

export const LoginForm = z.object({
  email: z.email("Enter a valid email address").transform((value) => value.trim().toLowerCase()),
  password: z.string().min(1, "Enter your password").max(200, "Password is too long"),
  redirectTo: z.string().optional(),
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

/** Only same-site relative paths, so a crafted link cannot bounce a fresh login elsewhere. */
export function safeRedirect(target: string | undefined | null, fallback = "/dashboard"): string {
  if (!target || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  return target;
}
