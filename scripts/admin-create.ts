// Creates an admin account: npm run admin:create -- --email you@example.com --name "Your Name"
// The password comes from HIREKIT_ADMIN_PASSWORD, or is generated and printed once.
import { parseArgs } from "node:util";
import { getConfig } from "~/lib/config.server";
import { createPrismaClient } from "~/lib/db.server";
import { createFirstAdmin, FirstAdminError, FirstAdminInput } from "~/lib/first-admin.server";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
const parsed = FirstAdminInput.safeParse({ email: values.email ?? "", name: values.name ?? "", password: process.env.HIREKIT_ADMIN_PASSWORD || undefined });
if (!parsed.success) {
  console.error(`admin:create: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  console.error('usage: npm run admin:create -- --email you@example.com --name "Your Name"   (password from HIREKIT_ADMIN_PASSWORD or generated)');
  process.exit(2);
}
const prisma = createPrismaClient(getConfig().DATABASE_URL);
try {
  const admin = await createFirstAdmin(prisma, parsed.data);
  console.log(`Admin ${parsed.data.email} created.`);
  if (admin.generated) console.log(`Initial password (shown once, change it after signing in): ${admin.password}`);
} catch (error) {
  if (!(error instanceof FirstAdminError)) throw error;
  console.error(`admin:create: ${error.message}`);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
