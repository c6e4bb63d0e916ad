// Passwords after the first: a signed-in user changes their own (the current password is
// required, and every other session of theirs ends), and an admin issues a one-time reset link
// (only its hash is stored; the link is shown once). Using a link ends every session too.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { audit } from "./audit.server";
import { getConfig } from "./config.server";
import { prisma } from "./db.server";
import { hashPassword, verifyPassword } from "./password.server";
import { createUserSession, destroyUserSessions } from "./session.server";

export const RESET_LINK_HOURS = 24;

const newPassword = z.string({ error: "Enter a new password" }).min(12, "Use at least 12 characters").max(200, "Use at most 200 characters");

export const ChangePasswordForm = z
  .object({
    currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password"),
    newPassword,
    confirmPassword: z.string({ error: "Repeat the new password" }),
  })
  .refine((form) => form.newPassword === form.confirmPassword, { error: "The two new passwords differ", path: ["confirmPassword"] })
  .refine((form) => form.newPassword !== form.currentPassword, { error: "Choose a password different from the current one", path: ["newPassword"] });

export const ResetPasswordForm = z
  .object({ newPassword, confirmPassword: z.string({ error: "Repeat the new password" }) })
  .refine((form) => form.newPassword === form.confirmPassword, { error: "The two passwords differ", path: ["confirmPassword"] });

export class AccountError extends Error {
  constructor(
    message: string,
    readonly field: string = "form",
  ) {
    super(message);
  }
}

/**
 * Changes the password, ends every session of the user and opens a fresh one for this browser:
 * returns its Set-Cookie value.
 */
export async function changePassword(userId: string, currentPassword: string, password: string): Promise<string> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) throw new AccountError("That is not your current password", "currentPassword");
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await audit(tx, { actorId: userId, action: "user.password-change", entityType: "User", entityId: userId });
  });
  await destroyUserSessions(userId);
  return createUserSession(userId);
}

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/** A one-time reset link for `userId`; earlier unused links for that user stop working. */
export async function createResetLink(actorId: string, userId: string, now = new Date()): Promise<{ link: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + RESET_LINK_HOURS * 3_600_000);
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw new AccountError("That user no longer exists.");
    await tx.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    await tx.passwordResetToken.create({ data: { userId, tokenHash: tokenHash(token), expiresAt } });
    await audit(tx, { actorId, action: "user.password-reset-link", entityType: "User", entityId: userId, data: { expiresAt: expiresAt.toISOString() } });
  });
  return { link: `${getConfig().PUBLIC_URL.replace(/\/$/, "")}/reset/${token}`, expiresAt };
}

async function findUsable(token: string, now: Date) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await prisma.passwordResetToken.findUnique({ where: { tokenHash: tokenHash(token) }, include: { user: { select: { email: true, disabledAt: true } } } });
  if (!row || row.usedAt || row.expiresAt <= now || row.user.disabledAt) return null;
  return row;
}

/** The account a reset link is for, or null when the link is unknown, used, expired or the account disabled. */
export async function resetLinkAccount(token: string, now = new Date()): Promise<{ email: string } | null> {
  const row = await findUsable(token, now);
  return row ? { email: row.user.email } : null;
}

/** Sets the password through a link; the link is used up in the same transaction and every session ends. */
export async function resetPassword(token: string, password: string, now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(password);
  const userId = await prisma.$transaction(async (tx) => {
    const row = await findUsable(token, now);
    if (!row) throw new AccountError("This reset link is no longer valid. Ask an admin for a new one.");
    // Claiming the row conditionally makes two simultaneous uses of one link end with one winner.
    const claimed = await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) throw new AccountError("This reset link is no longer valid. Ask an admin for a new one.");
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    await audit(tx, { actorId: row.userId, action: "user.password-reset", entityType: "User", entityId: row.userId });
    return row.userId;
  });
  await destroyUserSessions(userId);
}
