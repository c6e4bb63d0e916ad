// The Taskboard assessment is well-formed and its reference passes every test, including every
// negative check the prober can derive (not only a seed's sample). Runs the reference as a plain
// local process; runner/verify grades it again in Docker through the real pipeline.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isCompetencyId } from "../../app/domain/catalog/competency-ids";
import { loadAssessment, type LoadedAssessment } from "../../runner/assessment/load";
import { openApiProblems } from "../../runner/assessment/openapi-validate";
import { deriveNegativeChecks, negativeCheckTests } from "../../runner/prober/negative";
import { OpenApiIndex, type OpenApiDoc } from "../../runner/prober/openapi";
import { runTests } from "../../runner/prober/run";
import { validateTests } from "../../runner/prober/suite";
import { tests } from "./tests/index";
import { tests as publicTests } from "./tests/public";

const dir = path.dirname(new URL(import.meta.url).pathname);
let assessment: LoadedAssessment;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url}/health never answered`);
}

beforeAll(async () => {
  assessment = await loadAssessment(dir);
});

describe("intermediate-projects-api assessment", () => {
  it("has a valid OpenAPI 3.1 contract", async () => {
    expect(await openApiProblems(assessment.openapi)).toEqual([]);
  });

  it("has at least 35 valid tests with unique ids, weighted competencies and about a third public", () => {
    validateTests(tests);
    expect(tests.length).toBeGreaterThanOrEqual(35);
    expect(new Set(tests.map((t) => t.id)).size).toBe(tests.length);
    expect(tests.every((t) => isCompetencyId(t.competency) && t.points > 0)).toBe(true);
    const weighted = new Set(Object.keys(assessment.config.competencyWeights));
    expect(tests.filter((t) => !weighted.has(t.competency)).map((t) => t.id)).toEqual([]);
    const share = publicTests.length / tests.length;
    expect(share).toBeGreaterThan(0.28);
    expect(share).toBeLessThan(0.4);
    expect(publicTests.every((t) => t.visibility === "public")).toBe(true);
    expect(tests.filter((t) => t.visibility === "public").map((t) => t.id)).toEqual(publicTests.map((t) => t.id));
  });

  it("derives negative checks, credentials included, from its contract", () => {
    const kinds = new Set(deriveNegativeChecks(new OpenApiIndex(assessment.openapi as OpenApiDoc)).map((c) => c.kind));
    expect([...kinds].sort()).toEqual(["bad-credentials", "missing-field", "no-credentials", "unsupported-method", "wrong-type"]);
  });

  describe("reference, run locally", () => {
    let server: ChildProcess;
    let baseUrl: string;
    beforeAll(async () => {
      const port = await freePort();
      baseUrl = `http://127.0.0.1:${port}`;
      server = spawn(process.execPath, ["src/server.js"], {
        cwd: path.join(dir, "reference"),
        env: { ...process.env, PORT: String(port) },
        stdio: "ignore",
      });
      await waitForHealth(baseUrl);
    });
    afterAll(() => {
      server.kill();
    });

    it("passes every contract test and every derived negative check", async () => {
      const index = new OpenApiIndex(assessment.openapi as OpenApiDoc);
      const negative = negativeCheckTests(index, 1, { ...assessment.config.negativeChecks, count: 1000 });
      const results = await runTests([...tests, ...negative], { baseUrl, index, seed: 1 });
      expect(results.filter((r) => r.outcome !== "passed").map((r) => `${r.id}: ${r.message}`)).toEqual([]);
      expect(results.length).toBe(tests.length + negative.length);
    });
  });
});
