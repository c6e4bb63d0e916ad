import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { getConfig } from "./config.server";

export function createPrismaClient(url: string, options: { max?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: options.max ?? 10 });
  return new PrismaClient({ adapter });
}

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
