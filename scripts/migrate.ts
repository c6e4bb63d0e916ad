import path from "node:path";
import { getConfig } from "~/lib/config.server";
import { migrate } from "../prisma/migrator";

const applied = await migrate({ databaseUrl: getConfig().DATABASE_URL, migrationsDir: path.resolve("prisma/migrations"), log: console.log });
if (applied.length === 0) console.log("Database is up to date.");
