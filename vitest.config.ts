import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";
import { integrationTestFiles, TEST_ROOTS } from "./tests/support/test-layers";

const repoRoot = fileURLToPath(new URL(".", import.meta.url));
const include = TEST_ROOTS.map((root) => (root === "assessments" ? "assessments/*.test.ts" : `${root}/**/*.test.ts`));
const exclude = ["**/node_modules/**", "tests/e2e/**", "**/reference*/**", "**/starter/**", "**/mutants/**", "**/fixtures/**"];
const integration = integrationTestFiles(repoRoot);

// Two layers (tests/support/test-layers.ts): `npx vitest run --project unit` needs no services;
// `--project integration` uses the real PostgreSQL, Redis and Docker. `npx vitest run` runs both.
export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    reporters: ["default"],
    projects: [
      {
        extends: true,
        test: { name: "unit", include, exclude: [...exclude, ...integration], testTimeout: 20_000 },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: integration,
          exclude,
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
