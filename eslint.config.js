import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "node_modules/**",
      ".data/**",
      "app/generated/**",
      "**/*.mjs",
      "assessments/*/reference*/**",
      "assessments/*/starter/**",
      "assessments/*/mutants/**",
      "runner/fixtures/**/solution*/**",
      "runner/fixtures/solutions/**",
      "test-results/**",
      ".cache/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // Domain logic is plain TypeScript, unit-tested without a server.
    files: ["app/domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@remix-run/*", "~/generated/*", "**/generated/prisma/*", "@prisma/*"], message: "Domain modules stay free of Remix and Prisma." },
            { group: ["**/runner/worker/**", "**/runner/worker"], message: "The web app talks to the runner through runner/contract/." },
          ],
        },
      ],
    },
  },
  {
    // The web app and the runner share only runner/contract/ (statuses, stages, progress, queue,
    // JSON-column schemas, environment); neither reaches into the other's internals.
    files: ["app/**"],
    ignores: ["app/domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/runner/worker/**", "**/runner/worker"], message: "The web app talks to the runner through runner/contract/." }] },
      ],
    },
  },
  {
    files: ["runner/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["~/lib/*", "**/app/lib/*", "**/app/lib/**"], message: "The runner uses runner/contract/ and runner/settings.ts, not the web app's modules." }] },
      ],
    },
  },
);
