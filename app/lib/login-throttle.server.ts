import { prisma } from "./db.server";

// Failed logins are counted per account and per client address in fixed windows. Past the
// limit the key is locked and the login answers 429 with Retry-After, even for a right password.
export const THROTTLE_POLICY = {
  account: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  ip: { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} as const;

type Scope = keyof typeof THROTTLE_POLICY;

function key(scope: Scope, value: string): string {
  return `${scope}:${value.toLowerCase()}`;
}

/** Seconds until the first of the keys unlocks, or null when login may proceed. */
export async function lockedFor(email: string, ip: string, now = new Date()): Promise<number | null> {
  const rows = await prisma.loginThrottle.findMany({
    where: { key: { in: [key("account", email), key("ip", ip)] }, lockedUntil: { gt: now } },
  });
  if (rows.length === 0) return null;
  const until = Math.max(...rows.map((row) => row.lockedUntil!.getTime()));
  return Math.ceil((until - now.getTime()) / 1000);
}

async function recordFailureFor(scope: Scope, value: string, now: Date): Promise<void> {
  const policy = THROTTLE_POLICY[scope];
  const windowStartAfter = new Date(now.getTime() - policy.windowMs);
  // One statement so concurrent failures cannot lose a count.
  await prisma.$executeRaw`
    INSERT INTO "LoginThrottle" ("key", "failures", "windowStart", "lockedUntil")
    VALUES (${key(scope, value)}, 1, ${now}, NULL)
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "LoginThrottle"."windowStart" < ${windowStartAfter} THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN "LoginThrottle"."windowStart" < ${windowStartAfter} THEN ${now} ELSE "LoginThrottle"."windowStart" END`;
  await prisma.$executeRaw`
    UPDATE "LoginThrottle" SET "lockedUntil" = ${new Date(now.getTime() + policy.lockMs)}
    WHERE "key" = ${key(scope, value)} AND "failures" >= ${policy.maxFailures} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})`;
}

export async function recordFailure(email: string, ip: string, now = new Date()): Promise<void> {
  await recordFailureFor("account", email, now);
  await recordFailureFor("ip", ip, now);
}

export async function recordSuccess(email: string): Promise<void> {
  await prisma.loginThrottle.deleteMany({ where: { key: key("account", email) } });
}
