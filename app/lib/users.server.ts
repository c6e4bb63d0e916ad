import { randomBytes } from "node:crypto";
import { z } from "zod";
import { safeText } from "~/domain/safe-text";
import { Prisma } from "~/generated/prisma/client";
import { audit } from "./audit.server";
import { prisma } from "./db.server";
import { hashPassword } from "./password.server";
import { ROLES } from "./permissions";
import { destroyUserSessions } from "./session.server";

export const CreateUserForm = z.object({
  name: safeText().trim().min(1, "Enter a name").max(120, "Keep the name under 120 characters"),
  email: z.email("Enter a valid email address").transform((value) => value.trim().toLowerCase()),
  role: z.enum(ROLES, { error: "Choose a role" }),
  password: z
    .string()
    .max(200, "Password is too long")
    .refine((value) => value === "" || value.length >= 12, "Use at least 12 characters, or leave empty to generate one")
    .optional(),
});

export const ChangeRoleForm = z.object({ userId: safeText().uuid(), role: z.enum(ROLES, { error: "Choose a role" }) });
export const SetDisabledForm = z.object({ userId: safeText().uuid(), disabled: z.enum(["true", "false"]) });

export class UserError extends Error {}

export async function createUser(actorId: string, input: z.infer<typeof CreateUserForm>): Promise<{ id: string; initialPassword: string }> {
  const initialPassword = input.password || randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(initialPassword);
  try {
    const user = await prisma.$transaction(async (tx) => {
      const created = await tx.user.create({ data: { name: input.name, email: input.email, role: input.role, passwordHash } });
      await audit(tx, { actorId, action: "user.create", entityType: "User", entityId: created.id, data: { email: input.email, role: input.role } });
      return created;
    });
    return { id: user.id, initialPassword };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new UserError(`A user with the email ${input.email} already exists.`);
    }
    throw error;
  }
}

export async function changeRole(actorId: string, userId: string, role: (typeof ROLES)[number]): Promise<void> {
  if (actorId === userId) throw new UserError("You cannot change your own role; ask another admin.");
  await prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId } });
    if (!before) throw new UserError("That user no longer exists.");
    await tx.user.update({ where: { id: userId }, data: { role } });
    await audit(tx, { actorId, action: "user.role", entityType: "User", entityId: userId, data: { from: before.role, to: role } });
  });
}

export async function setDisabled(actorId: string, userId: string, disabled: boolean): Promise<void> {
  if (actorId === userId) throw new UserError("You cannot disable your own account.");
  await prisma.$transaction(async (tx) => {
    const found = await tx.user.findUnique({ where: { id: userId } });
    if (!found) throw new UserError("That user no longer exists.");
    await tx.user.update({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } });
    await audit(tx, { actorId, action: disabled ? "user.disable" : "user.enable", entityType: "User", entityId: userId });
  });
  if (disabled) await destroyUserSessions(userId);
}

export function listUsers() {
  return prisma.user.findMany({
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: { id: true, name: true, email: true, role: true, disabledAt: true, createdAt: true },
  });
}

export function recentUserAudit(limit = 20) {
  return prisma.auditLog.findMany({
    where: { entityType: "User", action: { startsWith: "user." } },
    orderBy: { createdAt: "desc" },
    take: limit,
    include: { actor: { select: { email: true } } },
  });
}
