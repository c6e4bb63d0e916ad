import { randomBytes } from "node:crypto";
import { z } from "zod";
import { safeText } from "~/domain/safe-text";
import { Prisma } from "~/generated/prisma/client";
import type { PrismaClient } from "./db.server";
import { hashPassword } from "./password.server";

// The first admin of a production installation, created from the command line
// (npm run admin:create); every later account is made by an admin on /admin/users.

export const FirstAdminInput = z.object({
  email: z.email("give a valid email address with --email").transform((value) => value.trim().toLowerCase()),
  name: safeText().trim().min(1, "give a name with --name").max(120, "keep the name under 120 characters"),
  password: z.string().min(12, "use at least 12 characters, or leave it out to generate one").max(200).optional(),
});

export class FirstAdminError extends Error {}

export async function createFirstAdmin(prisma: PrismaClient, input: z.infer<typeof FirstAdminInput>): Promise<{ id: string; password: string; generated: boolean }> {
  const password = input.password ?? randomBytes(15).toString("base64url");
  const passwordHash = await hashPassword(password);
  try {
    const user = await prisma.$transaction(async (tx) => {
      const created = await tx.user.create({ data: { email: input.email, name: input.name, role: "ADMIN", passwordHash } });
      await tx.auditLog.create({ data: { actorId: null, action: "user.create", entityType: "User", entityId: created.id, data: { email: input.email, role: "ADMIN", via: "admin:create" } } });
      return created;
    });
    return { id: user.id, password, generated: input.password === undefined };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new FirstAdminError(`A user with the email ${input.email} already exists.`);
    }
    throw error;
  }
}
