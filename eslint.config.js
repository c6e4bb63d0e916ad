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
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@remix-run/*", "~/generated/*", "**/generated/prisma/*"], message: "Domain modules stay free of Remix and Prisma." },
          ],
        },
      ],
    },
  },
  {
    // Only the domain layer is barred from Remix and Prisma imports.
    files: ["app/**", "runner/**", "scripts/**", "prisma/**", "tests/**", "bench/**"],
    ignores: ["app/domain/**"],
    rules: { "no-restricted-imports": "off" },
  },
);
