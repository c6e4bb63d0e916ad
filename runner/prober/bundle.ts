// Bundles the prober (main.ts), an assessment's tests and its OpenAPI document into one .mjs that
// runs with plain node. With publicOnly the bundle is the starter's check.mjs: it is built from
// tests/public.ts so hidden tests never reach a candidate, and the output is scanned to prove it.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { loadAssessment, type LoadedAssessment } from "../assessment/load";
import { deriveNegativeChecks } from "./negative";
import { OpenApiIndex, type OpenApiDoc } from "./openapi";
import type { ContractTest } from "./contract";
import type { SuiteMeta } from "./suite";

const execFileAsync = promisify(execFile);

// esbuild is a development dependency: loaded when a bundle is built, so a production process that
// only reads prebuilt bundles never needs it.
const loadEsbuild = () => import("esbuild");

const PROBER_MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));

// CommonJS dependencies (ajv) call require() for node built-ins; ESM output needs a real one.
const REQUIRE_SHIM = `import { createRequire as __hirekitCreateRequire } from "node:module";
const require = __hirekitCreateRequire(import.meta.url);`;

export interface BundleOptions {
  publicOnly: boolean;
  outFile: string;
}

export interface BundleInfo {
  outFile: string;
  bytes: number;
  tests: number;
  publicTests: number;
  hiddenTests: number;
}

export type TestSummary = Pick<ContractTest, "id" | "title" | "competency" | "points" | "visibility" | "sequence">;

const SUITE_MODULE = fileURLToPath(new URL("./suite.ts", import.meta.url));

/**
 * Lists (and validates) the tests a tests module exports. The module is bundled and run by a
 * child node process, so this works the same under tsx, vitest and plain node.
 */
export async function describeTests(entry: string): Promise<TestSummary[]> {
  return (await describeTestsModule(entry)).tests;
}

/** The tests a module exports, and whether it exports a negativeCheckCredentials provider. */
export async function describeTestsModule(entry: string): Promise<{ tests: TestSummary[]; credentials: boolean }> {
  const dir = await mkdtemp(path.join(tmpdir(), "hirekit-tests-"));
  try {
    const outfile = path.join(dir, "describe.mjs");
    const contents = [
      `import * as testsModule from ${JSON.stringify(entry)};`,
      `import { validateTests } from ${JSON.stringify(SUITE_MODULE)};`,
      `const list = validateTests(testsModule.tests).map(({ id, title, competency, points, visibility, sequence }) => ({ id, title, competency, points, visibility, sequence }));`,
      `process.stdout.write(JSON.stringify({ tests: list, credentials: typeof testsModule.negativeCheckCredentials === "function" }));`,
    ].join("\n");
    const { build } = await loadEsbuild();
    await build({
      stdin: { contents, resolveDir: path.dirname(entry), sourcefile: "describe-tests.ts", loader: "ts" },
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile,
      banner: { js: REQUIRE_SHIM },
      logLevel: "silent",
    });
    const { stdout } = await execFileAsync(process.execPath, [outfile], { cwd: dir, maxBuffer: 16 * 1024 * 1024 }).catch(
      (error: { stderr?: string; message: string }) => {
        const detail = error.stderr?.split("\n").find((line) => /Error/.test(line)) ?? error.message;
        throw new Error(`${entry}: ${detail.trim()}`);
      },
    );
    return JSON.parse(stdout) as { tests: TestSummary[]; credentials: boolean };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Hidden tests plus the derived negative checks that will run hidden, as check.mjs reports them. */
function hiddenTotals(assessment: LoadedAssessment, hidden: TestSummary[], authenticated: boolean): { count: number; points: number } {
  let count = hidden.length;
  let points = hidden.reduce((sum, t) => sum + t.points, 0);
  const negative = assessment.config.negativeChecks;
  if (negative.enabled && negative.visibility === "hidden") {
    const derived = deriveNegativeChecks(new OpenApiIndex(assessment.openapi as OpenApiDoc), authenticated).length;
    const sampled = Math.min(negative.count, derived);
    count += sampled;
    points += sampled * negative.pointsEach;
  }
  return { count, points };
}

export async function buildProberBundle(assessmentDir: string, options: BundleOptions): Promise<BundleInfo> {
  const assessment = await loadAssessment(assessmentDir);
  const described = await describeTestsModule(assessment.testsEntry);
  const all = described.tests;
  const hidden = all.filter((t) => t.visibility === "hidden");
  const publicEntry = path.join(assessment.dir, "tests", "public.ts");
  let entryTests = assessment.testsEntry;
  if (options.publicOnly) {
    const publicTests = await describeTests(publicEntry).catch((error: Error) => {
      throw new Error(`${publicEntry}: a public-only bundle needs this module exporting the public tests (${error.message})`);
    });
    const leaked = publicTests.filter((t) => t.visibility !== "public").map((t) => t.id);
    if (leaked.length > 0) throw new Error(`${publicEntry} exports hidden tests: ${leaked.join(", ")}`);
    entryTests = publicEntry;
  }

  const meta: SuiteMeta = {
    assessmentId: assessment.config.id,
    title: assessment.config.title,
    version: assessment.config.version,
    port: assessment.config.port,
    readinessPath: assessment.config.readinessPath,
    openapi: assessment.openapi as SuiteMeta["openapi"],
    negativeChecks: assessment.config.negativeChecks,
    contractConformance: assessment.config.contractConformance,
    requestTimeoutMs: assessment.config.limits.requestTimeoutMs,
    publicOnly: options.publicOnly,
    hidden: options.publicOnly ? hiddenTotals(assessment, hidden, described.credentials) : { count: 0, points: 0 },
  };
  const entry = [
    `import { main } from ${JSON.stringify(PROBER_MAIN)};`,
    `import * as testsModule from ${JSON.stringify(entryTests)};`,
    `main({ ...${JSON.stringify(meta)}, tests: testsModule.tests, credentials: testsModule.negativeCheckCredentials }, process.argv.slice(2));`,
  ].join("\n");

  await mkdir(path.dirname(path.resolve(options.outFile)), { recursive: true });
  const { build } = await loadEsbuild();
  const result = await build({
    stdin: { contents: entry, resolveDir: assessment.dir, sourcefile: "prober-entry.ts", loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: options.outFile,
    banner: { js: `#!/usr/bin/env node\n// Hirekit prober for ${assessment.config.id} ${assessment.config.version}. Generated: do not edit.\n${REQUIRE_SHIM}` },
    legalComments: "none",
    logLevel: "silent",
    write: false,
  });
  const text = result.outputFiles[0].text;
  if (options.publicOnly) {
    const leaked = hidden.filter((t) => text.includes(JSON.stringify(t.id)) || text.includes(`'${t.id}'`)).map((t) => t.id);
    if (leaked.length > 0) throw new Error(`public bundle would contain hidden tests: ${leaked.join(", ")}`);
  }
  await writeFile(options.outFile, text, { mode: 0o755 });
  const bundled = options.publicOnly ? all.length - hidden.length : all.length;
  return {
    outFile: path.resolve(options.outFile),
    bytes: Buffer.byteLength(text),
    tests: bundled,
    publicTests: all.length - hidden.length,
    hiddenTests: hidden.length,
  };
}
