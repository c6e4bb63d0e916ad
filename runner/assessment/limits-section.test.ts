import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { limitsSection } from "./limits-section";
import { loadAssessment, parseAssessmentConfig } from "./load";

const base = {
  id: "widgets",
  title: "Widgets API",
  level: "junior",
  version: "1.0.0",
  timeLimitMinutes: 60,
  attemptLimit: 3,
};

describe("the brief's Limits section", () => {
  it("is generated from assessment.json, time-outs included", () => {
    const config = parseAssessmentConfig({
      ...base,
      competencyWeights: { "api-design": 1 },
      limits: { memoryMb: 384, testSeconds: 200, readySeconds: 20, requestTimeoutMs: 7000, tmpfsMb: 32 },
    });
    const text = limitsSection(config);
    expect(text).toContain("| Memory | 384 MB (no swap); a service over it is stopped |");
    expect(text).toContain("| All tests together | 200 seconds from readiness |");
    expect(text).toContain("| Ready: `GET /health` answers 2xx on port 3000 | within 20 seconds of start |");
    expect(text).toContain("| One request | 7 seconds for the whole response (status, headers and body) |");
    expect(text).toContain("| Writable `/tmp` | 32 MB");
    expect(text).toContain("| One response body | 1 MB |");
    expect(text).toMatch(/\| Output \(stdout and stderr\) \| 2 MB/);
  });

  it("defaults the request time-out to 5 s and refuses more than the runner allows", () => {
    expect(parseAssessmentConfig({ ...base, competencyWeights: { "api-design": 1 } }).limits.requestTimeoutMs).toBe(5000);
    expect(() => parseAssessmentConfig({ ...base, competencyWeights: { "api-design": 1 }, limits: { requestTimeoutMs: 60_000 } })).toThrow(
      /limits.requestTimeoutMs: must be at most 30000/,
    );
  });

  it("is appended to the brief the loader returns, and a hand-written one is refused", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "hirekit-limits-"));
    try {
      await mkdir(path.join(dir, "tests"));
      await writeFile(path.join(dir, "tests", "index.ts"), "export const tests = [];\n");
      await writeFile(path.join(dir, "openapi.yaml"), "openapi: 3.1.0\ninfo: { title: W, version: 1.0.0 }\npaths: {}\n");
      await writeFile(path.join(dir, "assessment.json"), JSON.stringify({ ...base, competencyWeights: { "api-design": 1 }, limits: { testSeconds: 90 } }));
      await writeFile(path.join(dir, "brief.md"), "# Widgets\n\nBuild it.\n");
      const loaded = await loadAssessment(dir);
      expect(loaded.brief.startsWith("# Widgets\n\nBuild it.\n\n## Limits\n")).toBe(true);
      expect(loaded.brief).toContain("| All tests together | 90 seconds from readiness |");
      await writeFile(path.join(dir, "brief.md"), "# Widgets\n\n## Limits\n\n256 MB\n");
      await expect(loadAssessment(dir)).rejects.toThrow(/must not have its own "## Limits" section/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
