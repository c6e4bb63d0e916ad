// Every assessment is well-formed and its reference passes every test, including every negative
// check the prober can derive (not only a seed's sample). References run as plain local
// processes; runner/verify grades them again in Docker through the real pipeline.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isCompetencyId } from "../app/domain/catalog/competency-ids";
import { loadAssessment, type LoadedAssessment } from "../runner/assessment/load";
import { openApiProblems } from "../runner/assessment/openapi-validate";
import { deriveNegativeChecks, negativeCheckTests, type CredentialProvider } from "../runner/prober/negative";
import { OpenApiIndex, type OpenApiDoc } from "../runner/prober/openapi";
import { runTests } from "../runner/prober/run";
import type { ContractTest } from "../runner/prober/contract";
import { validateTests } from "../runner/prober/suite";
import { freePort } from "../scripts/lib/free-port";

interface Reference {
  folder: string;
  command: string[];
  /** Extra environment, given a temporary folder the reference may write to. */
  env?: (tempDir: string) => Record<string, string>;
}

interface AssessmentCase {
  slug: string;
  minTests: number;
  minPublicShare: number;
  negativeKinds: string[];
  references: Reference[];
}

const node = process.execPath;
const CASES: AssessmentCase[] = [
  {
    slug: "junior-inventory-api",
    minTests: 25,
    minPublicShare: 0.25,
    negativeKinds: ["bad-enum", "bad-query", "missing-field", "unsupported-method", "wrong-type"],
    references: [
      { folder: "reference", command: [node, "server.js"] },
      { folder: "reference-python", command: ["python3", "main.py"] },
    ],
  },
  {
    slug: "intermediate-projects-api",
    minTests: 35,
    minPublicShare: 0.28,
    negativeKinds: ["bad-credentials", "bad-enum", "bad-query", "missing-field", "no-credentials", "unsupported-method", "wrong-type"],
    references: [{ folder: "reference", command: [node, "src/server.js"] }],
  },
  {
    slug: "senior-wallet-ledger",
    minTests: 40,
    minPublicShare: 0.28,
    negativeKinds: ["bad-credentials", "bad-enum", "missing-field", "no-credentials", "unsupported-method", "wrong-type"],
    references: [
      { folder: "reference", command: [node, "src/server.js"], env: (tempDir) => ({ LEDGER_FILE: path.join(tempDir, "ledger.ndjson") }) },
    ],
  },
];

const root = path.dirname(new URL(import.meta.url).pathname);

async function waitForHealth(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url}/health never answered`);
}

describe.each(CASES)("$slug assessment", ({ slug, minTests, minPublicShare, negativeKinds, references }) => {
  const dir = path.join(root, slug);
  let assessment: LoadedAssessment;
  let tests: ContractTest[];
  let publicTests: ContractTest[];
  let credentials: CredentialProvider | undefined;

  beforeAll(async () => {
    assessment = await loadAssessment(dir);
    const suite = (await import(`./${slug}/tests/index.ts`)) as { tests: ContractTest[]; negativeCheckCredentials?: CredentialProvider };
    tests = suite.tests;
    credentials = suite.negativeCheckCredentials;
    publicTests = ((await import(`./${slug}/tests/public.ts`)) as { tests: ContractTest[] }).tests;
  });

  it("has a valid OpenAPI 3.1 contract", async () => {
    expect(await openApiProblems(assessment.openapi)).toEqual([]);
  });

  it(`has at least ${minTests} valid tests with unique ids, weighted competencies and about a third public`, () => {
    validateTests(tests);
    expect(tests.length).toBeGreaterThanOrEqual(minTests);
    expect(new Set(tests.map((t) => t.id)).size).toBe(tests.length);
    expect(tests.every((t) => isCompetencyId(t.competency) && t.points > 0)).toBe(true);
    const weighted = new Set(Object.keys(assessment.config.competencyWeights));
    expect(tests.filter((t) => !weighted.has(t.competency)).map((t) => t.id)).toEqual([]);
    const share = publicTests.length / tests.length;
    expect(share).toBeGreaterThan(minPublicShare);
    expect(share).toBeLessThan(0.4);
    expect(publicTests.every((t) => t.visibility === "public")).toBe(true);
    expect(tests.filter((t) => t.visibility === "public").map((t) => t.id)).toEqual(publicTests.map((t) => t.id));
  });

  it("derives negative checks from its contract", () => {
    const kinds = new Set(deriveNegativeChecks(new OpenApiIndex(assessment.openapi as OpenApiDoc), credentials !== undefined).map((c) => c.kind));
    expect([...kinds].sort()).toEqual(negativeKinds);
  });

  describe.each(references)("$folder, run locally", ({ folder, command, env }) => {
    let server: ChildProcess;
    let baseUrl: string;
    let tempDir: string;
    beforeAll(async () => {
      const port = await freePort();
      baseUrl = `http://127.0.0.1:${port}`;
      tempDir = await mkdtemp(path.join(tmpdir(), `${slug}-test-`));
      server = spawn(command[0], command.slice(1), {
        cwd: path.join(dir, folder),
        env: { ...process.env, PORT: String(port), ...env?.(tempDir) },
        stdio: "ignore",
      });
      await waitForHealth(baseUrl);
    });
    afterAll(async () => {
      server.kill();
      await rm(tempDir, { recursive: true, force: true });
    });

    it("passes every contract test and every derived negative check", async () => {
      const index = new OpenApiIndex(assessment.openapi as OpenApiDoc);
      const negative = negativeCheckTests(index, { ...assessment.config.negativeChecks, count: 1000, credentials });
      const results = await runTests([...tests, ...negative], { baseUrl, index, seed: 1 });
      expect(results.filter((r) => r.outcome !== "passed").map((r) => `${r.id}: ${r.message}`)).toEqual([]);
      expect(results.length).toBe(tests.length + negative.length);
    });
  });
});
