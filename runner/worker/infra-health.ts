// Whether the infrastructure a grading needs (the sandbox's engine, the database) answers. A fault
// while it does not is an outage, not the submission's: no attempt is spent on it.
import type { PrismaClient } from "~/generated/prisma/client";
import type { SandboxDriver } from "../sandbox/driver";

export type InfraStatus = { healthy: true } | { healthy: false; cause: string };

export interface InfraHealth {
  check(): Promise<InfraStatus>;
}

const CHECK_TIMEOUT_MS = 5_000;

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function infraHealth(prisma: PrismaClient, driver: SandboxDriver): InfraHealth {
  return {
    async check() {
      try {
        await within(driver.ping(), "the sandbox engine");
      } catch (error) {
        return { healthy: false, cause: `the sandbox engine is unreachable: ${(error as Error).message}` };
      }
      try {
        await within(prisma.$queryRaw`SELECT 1`, "the database");
      } catch (error) {
        return { healthy: false, cause: `the database is unreachable: ${(error as Error).message}` };
      }
      return { healthy: true };
    },
  };
}
