import type { PrismaClient } from "~/generated/prisma/client";
import { hashPassword, verifyPassword } from "~/lib/password.server";
import { syncAssessments } from "~/lib/assessment-sync.server";
import { DEMO_USERS } from "./demo-users";

export interface SeedOptions {
  demoUsers: boolean;
  assessmentsDir: string;
  log?: (line: string) => void;
}

/** Idempotent: a second run finds everything in place and writes nothing. */
export async function seed(prisma: PrismaClient, options: SeedOptions): Promise<void> {
  const log = options.log ?? (() => {});
  if (options.demoUsers) {
    for (const demo of DEMO_USERS) {
      const existing = await prisma.user.findUnique({ where: { email: demo.email } });
      if (existing && existing.role === demo.role && (await verifyPassword(demo.password, existing.passwordHash))) continue;
      const passwordHash = await hashPassword(demo.password);
      await prisma.user.upsert({
        where: { email: demo.email },
        create: { email: demo.email, name: demo.name, role: demo.role, passwordHash },
        update: { role: demo.role, passwordHash, disabledAt: null },
      });
      log(`demo user ${demo.email} ready`);
    }
  }
  const { seedCatalog } = await import("~/lib/catalog-seed.server");
  const catalog = await seedCatalog(prisma);
  log(`catalog: ${JSON.stringify(catalog)}`);
  const assessments = await syncAssessments(prisma, options.assessmentsDir);
  log(`assessments: ${assessments.created.length} created, ${assessments.updated.length} updated, ${assessments.unchanged.length} unchanged`);
}
