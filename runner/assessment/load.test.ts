import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LIMIT_DEFAULTS, listAssessments, loadAssessment, parseAssessmentConfig } from "./load";

const baseConfig = {
  id: "junior-widgets",
  title: "Widgets API",
  level: "junior",
  version: "1.0.0",
  timeLimitMinutes: 120,
  attemptLimit: 3,
  competencyWeights: { "api-design": 3, security: 1 },
};

const openapi = `openapi: 3.1.0
info: { title: Widgets, version: 1.0.0 }
paths:
  /health:
    get:
      responses:
        "200": { description: ok }
`;

let root: string;

async function writeAssessment(slug: string, config: unknown = baseConfig) {
  const dir = path.join(root, slug);
  await mkdir(path.join(dir, "tests"), { recursive: true });
  await writeFile(path.join(dir, "assessment.json"), JSON.stringify(config));
  await writeFile(path.join(dir, "brief.md"), "# Widgets\n");
  await writeFile(path.join(dir, "openapi.yaml"), openapi);
  await writeFile(path.join(dir, "tests", "index.ts"), "export const tests = [];\n");
  return dir;
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "hirekit-assessments-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("parseAssessmentConfig", () => {
  it("fills defaults and normalises weights", () => {
    const config = parseAssessmentConfig(baseConfig);
    expect(config.port).toBe(3000);
    expect(config.readinessPath).toBe("/health");
    expect(config.limits).toEqual(LIMIT_DEFAULTS);
    expect(config.competencyWeights).toEqual({ "api-design": 0.75, security: 0.25 });
    expect(config.negativeChecks.enabled).toBe(false);
  });

  it("refuses limits above the hard maximum, naming the field", () => {
    expect(() => parseAssessmentConfig({ ...baseConfig, limits: { memoryMb: 4096 } })).toThrow(
      /limits\.memoryMb: must be at most 1024/,
    );
  });

  it("refuses unknown competency ids and non-positive weights", () => {
    expect(() => parseAssessmentConfig({ ...baseConfig, competencyWeights: { "api-desgn": 1 } })).toThrow(
      /competencyWeights\.api-desgn: "api-desgn" is not a catalog competency id/,
    );
    expect(() => parseAssessmentConfig({ ...baseConfig, competencyWeights: { "api-design": 0 } })).toThrow(
      /competencyWeights\.api-design: must be greater than 0/,
    );
  });

  it("refuses unknown keys and a bad negative-check competency", () => {
    expect(() => parseAssessmentConfig({ ...baseConfig, colour: "red" })).toThrow(/colour/);
    expect(() =>
      parseAssessmentConfig({ ...baseConfig, negativeChecks: { enabled: true, competency: "typing" } }),
    ).toThrow(/negativeChecks\.competency/);
  });
});

describe("loadAssessment", () => {
  it("returns config, brief, parsed OpenAPI, tests entry and a content hash", async () => {
    const dir = await writeAssessment("junior-widgets");
    const loaded = await loadAssessment(dir);
    expect(loaded.slug).toBe("junior-widgets");
    expect(loaded.brief).toContain("Widgets");
    expect(loaded.openapi.openapi).toBe("3.1.0");
    expect(Object.keys(loaded.openapi.paths)).toEqual(["/health"]);
    expect(loaded.testsEntry).toBe(path.join(dir, "tests", "index.ts"));
    expect(loaded.contentHash).toMatch(/^[0-9a-f]{64}$/);

    await writeFile(path.join(dir, "tests", "index.ts"), "export const tests = [1];\n");
    expect((await loadAssessment(dir)).contentHash).not.toBe(loaded.contentHash);
  });

  it("names the file that is missing or malformed", async () => {
    const dir = await writeAssessment("junior-widgets");
    await writeFile(path.join(dir, "openapi.yaml"), "openapi: 3.0.3\ninfo: { title: x, version: '1' }\npaths: {}\n");
    await expect(loadAssessment(dir)).rejects.toThrow(/openapi\.yaml: openapi: must be an OpenAPI 3\.1\.x document/);
    await rm(path.join(dir, "brief.md"));
    await expect(loadAssessment(dir)).rejects.toThrow(/brief\.md: file is missing/);
    await writeFile(path.join(dir, "assessment.json"), "{ not json");
    await expect(loadAssessment(dir)).rejects.toThrow(/assessment\.json: not valid JSON/);
  });
});

describe("listAssessments", () => {
  it("loads every folder that holds an assessment.json, sorted by slug", async () => {
    await writeAssessment("senior-ledger", { ...baseConfig, id: "senior-ledger", level: "senior" });
    await writeAssessment("junior-widgets");
    await mkdir(path.join(root, "notes"));
    const all = await listAssessments(root);
    expect(all.map((a) => a.slug)).toEqual(["junior-widgets", "senior-ledger"]);
  });
});
