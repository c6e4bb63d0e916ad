// The prober's command line. Two modes share one bundle:
//   grading:  node prober.mjs --base-url http://127.0.0.1:3000 --readiness /health --ready-timeout-ms 30000 --seed 42
//             prints NDJSON (ready | not-ready, start, result…, done) for the runner;
//   candidate: node check.mjs [http://localhost:3000] [--json] [--seed n]
//             prints a readable table (or one JSON document).
import { parseArgs } from "node:util";
import { z } from "zod";
import { contractOperations } from "./conformance";
import type { TestResult } from "./contract";
import { negativeCheckTests } from "./negative";
import { OpenApiIndex } from "./openapi";
import { waitForReady } from "./readiness";
import { renderTable } from "./report";
import { DEFAULT_CONCURRENCY, runTests } from "./run";
import type { ProberSuite } from "./suite";

const baseUrl = z.url({ protocol: /^https?$/, message: "must be an absolute http URL such as http://127.0.0.1:3000" });
const intArg = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const gradingArgs = z.object({
  "base-url": baseUrl,
  readiness: z.string().regex(/^\//, { message: "must be a path starting with /" }).optional(),
  "ready-timeout-ms": intArg(0, 600_000).default(30_000),
  seed: intArg(0, 2 ** 31 - 1).default(1),
  concurrency: intArg(1, 32).default(DEFAULT_CONCURRENCY),
});

const checkArgs = z.object({
  url: baseUrl.default("http://localhost:3000"),
  json: z.boolean().default(false),
  seed: intArg(0, 2 ** 31 - 1).optional(),
  "ready-timeout-ms": intArg(0, 600_000).default(10_000),
  concurrency: intArg(1, 32).default(DEFAULT_CONCURRENCY),
});

class UsageError extends Error {}

function parse<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new UsageError(result.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
  }
  return result.data;
}

function writeLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Exits once stdout is flushed: keep-alive sockets or a test left behind by its timeout must not hold the process. */
function exitAfterFlush(code: number): void {
  process.stdout.write("", () => process.exit(code));
}

export function testsFor(suite: ProberSuite) {
  const index = new OpenApiIndex(suite.openapi);
  index.precompile();
  const tests = suite.publicOnly ? suite.tests.filter((t) => t.visibility === "public") : [...suite.tests];
  const negative = suite.negativeChecks;
  if (negative.enabled && (!suite.publicOnly || negative.visibility === "public")) {
    tests.push(...negativeCheckTests(index, { ...negative, ...(suite.credentials ? { credentials: suite.credentials } : {}) }));
  }
  const operations = suite.contractConformance?.enabled ? contractOperations(suite.openapi) : [];
  const conformance = suite.contractConformance
    ? { operations, config: suite.contractConformance, onlyExercised: suite.publicOnly }
    : undefined;
  return { index, tests, conformance, total: tests.length + (suite.publicOnly ? 0 : operations.length) };
}

async function runGrading(suite: ProberSuite, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      "base-url": { type: "string" },
      readiness: { type: "string" },
      "ready-timeout-ms": { type: "string" },
      seed: { type: "string" },
      concurrency: { type: "string" },
    },
    strict: true,
  });
  const args = parse(gradingArgs, values);
  const base = args["base-url"].replace(/\/$/, "");
  // Schemas compile while the candidate's service is still booting.
  const { index, tests, conformance, total } = testsFor(suite);
  const readiness = await waitForReady(base + (args.readiness ?? suite.readinessPath), args["ready-timeout-ms"]);
  if (!readiness.ready) {
    writeLine({ type: "not-ready", message: readiness.message });
    return 0;
  }
  writeLine({ type: "ready", ms: readiness.ms });
  writeLine({ type: "start", total });
  await runTests(tests, {
    baseUrl: base,
    index,
    seed: args.seed,
    concurrency: args.concurrency,
    requestTimeoutMs: suite.requestTimeoutMs,
    ...(conformance ? { conformance } : {}),
    onResult: (result) => writeLine({ type: "result", ...result }),
  });
  writeLine({ type: "done" });
  return 0;
}

async function runCheck(suite: ProberSuite, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: "boolean" },
      seed: { type: "string" },
      "ready-timeout-ms": { type: "string" },
      concurrency: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      `usage: node check.mjs [base-url] [--json] [--seed n] [--ready-timeout-ms ms]\n` +
        `Runs the public contract tests of "${suite.title}" against your service (default http://localhost:${suite.port}).\n`,
    );
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`expected at most one base URL, got ${positionals.join(" ")}`);
  const args = parse(checkArgs, { ...values, url: positionals[0] ?? `http://localhost:${suite.port}` });
  // A fresh seed per run, so running twice against the same server does not collide on unique names.
  const seed = args.seed ?? Math.floor(Math.random() * 2 ** 31);
  const base = args.url.replace(/\/$/, "");
  const { index, tests, conformance } = testsFor(suite);
  const readiness = await waitForReady(base + suite.readinessPath, args["ready-timeout-ms"]);
  if (!readiness.ready) {
    if (args.json) writeLine({ ready: false, message: readiness.message });
    else process.stderr.write(`Your service is not ready: ${readiness.message}\n`);
    return 2;
  }
  if (!args.json) process.stderr.write(`running ${tests.length} tests against ${base} …\n`);
  const results: TestResult[] = await runTests(tests, {
    baseUrl: base,
    index,
    seed,
    concurrency: args.concurrency,
    requestTimeoutMs: suite.requestTimeoutMs,
    ...(conformance ? { conformance } : {}),
  });
  if (args.json) writeLine({ ready: true, seed, results });
  else process.stdout.write(`${renderTable(suite, results, seed)}\n`);
  return results.every((r) => r.outcome === "passed") ? 0 : 1;
}

/** Entry point of a bundle; `argv` is process.argv.slice(2). */
export function main(suite: ProberSuite, argv: string[]): void {
  const grading = argv.some((a) => a === "--base-url" || a.startsWith("--base-url="));
  (grading ? runGrading(suite, argv) : runCheck(suite, argv)).then(
    (code) => exitAfterFlush(code),
    (error: unknown) => {
      const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
      process.stderr.write(`${usage ? "usage error" : "prober fault"}: ${(error as Error).message}\n`);
      exitAfterFlush(usage ? 2 : 1);
    },
  );
}
