import type { PrismaClient } from "~/generated/prisma/client";
import { createPrismaClient } from "../../runner/contract/connections";
import { getConfig } from "./config.server";

export { createPrismaClient };

declare global {
  var __hirekitPrisma: PrismaClient | undefined;
}

// One client per process; the global survives Vite's dev-server module reloads.
export function getPrisma(): PrismaClient {
  globalThis.__hirekitPrisma ??= createPrismaClient(getConfig().DATABASE_URL);
  return globalThis.__hirekitPrisma;
}

export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getPrisma();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export type { PrismaClient };
