import { getConfig } from "~/lib/config.server";
import { createPrismaClient } from "~/lib/db.server";
import { seed } from "../prisma/seed";

const config = getConfig();
const prisma = createPrismaClient(config.DATABASE_URL);
try {
  await seed(prisma, {
    demoUsers: config.NODE_ENV !== "production" || process.env.HIREKIT_DEMO_USERS === "1",
    assessmentsDir: config.ASSESSMENTS_DIR,
    log: (line) => console.log(`    ${line}`),
  });
} finally {
  await prisma.$disconnect();
}
