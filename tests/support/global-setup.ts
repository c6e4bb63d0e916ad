import type { TestProject } from "vitest/node";
import { startTestServices } from "./test-services";

declare module "vitest" {
  export interface ProvidedContext {
    databaseAdminUrl: string;
    redisUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const services = await startTestServices();
  project.provide("databaseAdminUrl", services.adminUrl);
  project.provide("redisUrl", services.redisUrl);
  process.env.TEST_DATABASE_ADMIN_URL = services.adminUrl;
  process.env.TEST_REDIS_URL = services.redisUrl;
  return async () => {
    await services.stop();
  };
}
