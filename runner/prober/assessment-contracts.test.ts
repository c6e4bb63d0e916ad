// Candidates read every assessment's openapi.yaml: nothing about the grader's internals belongs
// there (opt-out markers, notes on how checks are derived).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../assessments");
const contracts = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => path.join(root, entry.name, "openapi.yaml"));

describe("assessment contracts", () => {
  it("finds the three assessments", () => {
    expect(contracts.length).toBeGreaterThanOrEqual(3);
  });

  it.each(contracts)("%s carries no grader markers or notes", (file) => {
    const text = readFileSync(file, "utf8");
    expect(text).not.toMatch(/x-negative-checks/);
    const comments = text.split("\n").filter((line) => /^\s*#/.test(line) || /\s#\s/.test(line));
    expect(comments.filter((line) => /prober|grader|grading|hidden test|check\.mjs|negative check|derived/i.test(line))).toEqual([]);
  });
});
