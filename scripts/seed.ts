import { getConfig } from "~/lib/config.server";
import { createPrismaClient } from "~/lib/db.server";
import { seed } from "../prisma/seed";
import { demoUsersDecision } from "./lib/demo-users";

const config = getConfig();
const prisma = createPrismaClient(config.DATABASE_URL);
const demo = demoUsersDecision(process.env);
console.log(`    demo users: ${demo.seed ? "yes" : "no"} (${demo.reason})`);
try {
  await seed(prisma, {
    demoUsers: demo.seed,
    assessmentsDir: config.ASSESSMENTS_DIR,
    log: (line) => console.log(`    ${line}`),
  });
} finally {
  await prisma.$disconnect();
}
