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
          ],
        },
      ],
    },
  },
);
