// Grades every assessment's reference(s), starter, mutants and slips and checks the promises an
// assessment makes: references score 100 %, the starter more than 0 and less than 30 %, every
// mutant loses points and fails at least one hidden test (one of those it names in caughtBy), and
// every slip (one realistic mistake) loses points, but no more than twice the points of the tests
// about its rule: one mistake reads as one finding.
//
//   npx tsx runner/verify/verify.ts [--assessment slug] [--local] [--seed n] [--json]
//
// Default: the real runner pipeline (gradeAndRelease) in Docker. --local runs the variants as
// plain processes (for assessment authors; trusted code only).
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { listAssessments, loadAssessment, type LoadedAssessment } from "../assessment/load";
import { openApiProblems } from "../assessment/openapi-validate";
import type { TestResult } from "../prober/contract";
import { buildProberBundle } from "../prober/bundle";
import { scoreResults } from "../scoring/score";
import { gradeLocally } from "./local";
import { describeMutant, listMutants, listSlips, materialiseMutant, materialiseSlip, SLIP_BOUND_FACTOR } from "./mutants";

export const STARTER_MAX_SCORE = 0.3;

export type VariantRole = "reference" | "starter" | "mutant" | "slip";

export interface VariantGrade {
  /** GRADED, or why grading stopped (FAILED: the variant never became ready, …). */
  status: "GRADED" | "FAILED";
  reason: string | null;
  overall: number;
  results: TestResult[];
  ms: number;
}

export interface VerifyRow {
  assessment: string;
  variant: string;
  role: VariantRole;
  status: string;
  score: number;
  ok: boolean;
  note: string;
  ms: number;
  /** Slips: points lost, and the most they may lose. */
  loss?: number;
  bound?: number;
}

export type Grader = (variantDir: string, assessment: LoadedAssessment, variantId: string) => Promise<VariantGrade>;

const argsSchema = z.object({
  assessment: z.string().regex(/^[a-z0-9-]+$/, { message: "must be an assessment folder name" }).optional(),
  local: z.boolean().default(false),
  json: z.boolean().default(false),
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).default(1),
  root: z.string().default("assessments"),
});

/** Judges one graded variant against what its role promises. */
export function judge(role: VariantRole, grade: VariantGrade, caughtBy: string[] = []): { ok: boolean; note: string } {
  const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
  if (role === "reference") {
    if (grade.status !== "GRADED") return { ok: false, note: `reference must grade: ${grade.reason}` };
    const failing = grade.results.filter((r) => r.earned < r.points);
    if (failing.length > 0 || grade.overall < 1) {
      return { ok: false, note: `reference must score 100 %; lost: ${failing.map((r) => `${r.id} (${r.message ?? r.outcome})`).join("; ")}` };
    }
    return { ok: true, note: "" };
  }
  if (role === "starter") {
    if (grade.overall <= 0) return { ok: false, note: `starter must score above 0 (${grade.reason ?? "no test passed"})` };
    if (grade.overall >= STARTER_MAX_SCORE) return { ok: false, note: `starter must score below ${pct(STARTER_MAX_SCORE)}` };
    return { ok: true, note: "" };
  }
  if (grade.status !== "GRADED") return { ok: true, note: `killed: ${grade.reason}` };
  const failedHidden = grade.results.filter((r) => r.visibility === "hidden" && r.outcome !== "passed").map((r) => r.id);
  if (grade.overall >= 1) return { ok: false, note: "survived: the mutant lost no points" };
  if (failedHidden.length === 0) return { ok: false, note: "no hidden test catches it" };
  if (caughtBy.length > 0 && !caughtBy.some((id) => failedHidden.includes(id))) {
    return { ok: false, note: `none of caughtBy (${caughtBy.join(", ")}) failed; failed: ${failedHidden.join(", ")}` };
  }
  return { ok: true, note: `killed by ${failedHidden.slice(0, 3).join(", ")}${failedHidden.length > 3 ? ", …" : ""}` };
}

const points = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, ""));

/**
 * Judges a slip: it must lose points (the tests about its rule notice it) and at most
 * SLIP_BOUND_FACTOR times the points of those tests.
 */
export function judgeSlip(grade: VariantGrade, about: string[]): { ok: boolean; note: string; loss: number; bound: number } {
  // "negative:unsupported-method:*" names every derived check of that kind the seed picked.
  const matches = (pattern: string) =>
    grade.results.filter((r) => (pattern.endsWith("*") ? r.id.startsWith(pattern.slice(0, -1)) : r.id === pattern));
  const unknown = about.filter((pattern) => !pattern.endsWith("*") && matches(pattern).length === 0);
  const loss = Math.round(grade.results.reduce((sum, r) => sum + (r.points - r.earned), 0) * 1000) / 1000;
  const aboutPoints = [...new Set(about.flatMap(matches))].reduce((sum, r) => sum + r.points, 0);
  const bound = SLIP_BOUND_FACTOR * aboutPoints;
  if (grade.status !== "GRADED") return { ok: false, note: `a slip must still be graded: ${grade.reason}`, loss, bound };
  if (unknown.length > 0) return { ok: false, note: `about names tests that did not run: ${unknown.join(", ")}`, loss, bound };
  const failed = grade.results.filter((r) => r.earned < r.points).map((r) => r.id);
  const listed = `${failed.slice(0, 4).join(", ")}${failed.length > 4 ? `, … (${failed.length})` : ""}`;
  if (loss <= 0) return { ok: false, note: "not noticed: the slip lost no points", loss, bound };
  if (loss > bound + 1e-9) {
    return { ok: false, note: `costs more than ${SLIP_BOUND_FACTOR} × the ${points(aboutPoints)} points about its rule; lost on ${listed}`, loss, bound };
  }
  return { ok: true, note: `lost on ${listed}`, loss, bound };
}

export function localGrader(seed: number, bundles: Map<string, string>): Grader {
  return async (variantDir, assessment) => {
    const started = performance.now();
    const bundle = bundles.get(assessment.slug)!;
    const outcome = await gradeLocally(variantDir, bundle, seed);
    const ms = Math.round(performance.now() - started);
    if (!outcome.ready) return { status: "FAILED", reason: outcome.message, overall: 0, results: [], ms };
    const overall = scoreResults(outcome.results, assessment.config.competencyWeights).overall;
    return { status: "GRADED", reason: null, overall, results: outcome.results, ms };
  };
}

export async function dockerGrader(seed: number): Promise<Grader> {
  const { gradeAndRelease } = await import("../pipeline/grade");
  let counter = 0;
  return async (variantDir, assessment, variantId) => {
    const started = performance.now();
    const result = await gradeAndRelease({
      directory: variantDir,
      assessmentDir: assessment.dir,
      seed,
      submissionId: `verify-${assessment.slug}-${variantId}-${process.pid}-${counter++}`.slice(0, 100).replace(/[^A-Za-z0-9_.-]/g, "-"),
    });
    return {
      status: result.status,
      reason: result.reason,
      overall: result.scores?.overall ?? 0,
      results: result.results,
      ms: Math.round(performance.now() - started),
    };
  };
}

async function isDir(dir: string): Promise<boolean> {
  return (await stat(dir).catch(() => null))?.isDirectory() ?? false;
}

export async function verifyAssessment(assessment: LoadedAssessment, grade: Grader, onRow: (row: VerifyRow) => void): Promise<VerifyRow[]> {
  const rows: VerifyRow[] = [];
  const add = (row: VerifyRow) => {
    rows.push(row);
    onRow(row);
  };
  const contract = await openApiProblems(assessment.openapi);
  if (contract.length > 0) {
    add({ assessment: assessment.slug, variant: "openapi.yaml", role: "reference", status: "INVALID", score: 0, ok: false, note: contract.slice(0, 3).join("; "), ms: 0 });
  }

  const variants: { id: string; role: VariantRole; dir: string }[] = [];
  for (const name of ["reference", "reference-python"]) {
    const dir = path.join(assessment.dir, name);
    if (await isDir(dir)) variants.push({ id: name, role: "reference", dir });
  }
  if (await isDir(path.join(assessment.dir, "starter"))) variants.push({ id: "starter", role: "starter", dir: path.join(assessment.dir, "starter") });
  if (!variants.some((v) => v.role === "reference")) {
    add({ assessment: assessment.slug, variant: "reference", role: "reference", status: "MISSING", score: 0, ok: false, note: "no reference/ folder", ms: 0 });
  }
  for (const variant of variants) {
    const result = await grade(variant.dir, assessment, variant.id);
    const verdict = judge(variant.role, result);
    add({ assessment: assessment.slug, variant: variant.id, role: variant.role, status: result.status, score: result.overall, ms: result.ms, ...verdict });
  }

  const mutants = await listMutants(assessment.dir);
  if (mutants.length === 0) {
    add({ assessment: assessment.slug, variant: "mutants/", role: "mutant", status: "MISSING", score: 0, ok: false, note: "no mutants", ms: 0 });
  }
  const workDir = await mkdtemp(path.join(tmpdir(), "hirekit-verify-"));
  try {
    for (const mutant of mutants) {
      const { caughtBy } = describeMutant(mutant);
      const dir = await materialiseMutant(assessment.dir, mutant, path.join(workDir, mutant.id));
      const result = await grade(dir, assessment, mutant.id);
      const verdict = judge("mutant", result, caughtBy);
      add({ assessment: assessment.slug, variant: `mutant ${mutant.id}`, role: "mutant", status: result.status, score: result.overall, ms: result.ms, ...verdict });
    }
    for (const slip of await listSlips(assessment.dir)) {
      const dir = await materialiseSlip(assessment.dir, slip, path.join(workDir, `slip-${slip.id}`));
      const result = await grade(dir, assessment, `slip-${slip.id}`);
      const verdict = judgeSlip(result, slip.spec.about);
      add({ assessment: assessment.slug, variant: `slip ${slip.id}`, role: "slip", status: result.status, score: result.overall, ms: result.ms, ...verdict });
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  return rows;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

export function formatRow(row: VerifyRow): string {
  const lossColumn = row.loss !== undefined && row.bound !== undefined ? `${points(row.loss)} ≤ ${points(row.bound)}` : "";
  return [
    pad(row.assessment, 28),
    pad(row.variant, 40),
    pad(row.status, 8),
    pad(`${(row.score * 100).toFixed(1)} %`, 9),
    pad(lossColumn, 13),
    pad(row.ok ? "pass" : "FAIL", 6),
    pad(`${(row.ms / 1000).toFixed(1)} s`, 8),
    row.note,
  ].join(" ");
}

export function summarise(rows: VerifyRow[]): string[] {
  const lines: string[] = [];
  for (const slug of [...new Set(rows.map((r) => r.assessment))]) {
    const mine = rows.filter((r) => r.assessment === slug);
    const refs = mine.filter((r) => r.role === "reference" && r.status !== "INVALID" && r.status !== "MISSING");
    const starter = mine.find((r) => r.role === "starter");
    const mutants = mine.filter((r) => r.role === "mutant" && r.status !== "MISSING");
    const killed = mutants.filter((r) => r.ok).length;
    const slips = mine.filter((r) => r.role === "slip");
    lines.push(
      `${slug}: ${refs.map((r) => `${r.variant} ${(r.score * 100).toFixed(1)} %`).join(", ")}; ` +
        `starter ${starter ? `${(starter.score * 100).toFixed(1)} %` : "missing"}; ` +
        `mutants killed ${killed}/${mutants.length}${mutants.length ? ` (${Math.round((killed / mutants.length) * 100)} %)` : ""}; ` +
        `slips within their bound ${slips.filter((r) => r.ok).length}/${slips.length}`,
    );
  }
  return lines;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      assessment: { type: "string" },
      local: { type: "boolean" },
      json: { type: "boolean" },
      seed: { type: "string" },
      root: { type: "string" },
    },
    strict: true,
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    process.stderr.write(`usage error: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}\n`);
    return 2;
  }
  const args = parsed.data;
  const assessments = args.assessment
    ? [await loadAssessment(path.join(args.root, args.assessment))]
    : await listAssessments(args.root);

  let grade: Grader;
  let bundleDir: string | undefined;
  if (args.local) {
    bundleDir = await mkdtemp(path.join(tmpdir(), "hirekit-verify-bundles-"));
    const bundles = new Map<string, string>();
    for (const assessment of assessments) {
      const outFile = path.join(bundleDir, `${assessment.slug}.mjs`);
      await buildProberBundle(assessment.dir, { publicOnly: false, outFile });
      bundles.set(assessment.slug, outFile);
    }
    grade = localGrader(args.seed, bundles);
  } else {
    grade = await dockerGrader(args.seed);
  }

  if (!args.json) {
    process.stdout.write(`verifying ${assessments.length} assessment(s) with ${args.local ? "local processes" : "the Docker runner"}, seed ${args.seed}\n\n`);
    process.stdout.write(`${formatRow({ assessment: "assessment", variant: "variant", role: "reference", status: "status", score: 0, ok: true, note: "note", ms: 0 }).replace(/0\.0 % +pass +0\.0 s/, "score     loss ≤ bound  check  time    ")}\n`);
  }
  const rows: VerifyRow[] = [];
  const started = performance.now();
  try {
    for (const assessment of assessments) {
      rows.push(...(await verifyAssessment(assessment, grade, (row) => !args.json && process.stdout.write(`${formatRow(row)}\n`))));
    }
  } finally {
    if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
  }
  const failures = rows.filter((r) => !r.ok);
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ ok: failures.length === 0, rows }, null, 2)}\n`);
  } else {
    process.stdout.write(`\n${summarise(rows).join("\n")}\n`);
    process.stdout.write(`\nverify took ${Math.round((performance.now() - started) / 1000)} s (${rows.length} rows)\n`);
    process.stdout.write(failures.length === 0 ? "\nverify: all checks passed\n" : `\nverify: ${failures.length} check(s) FAILED\n`);
  }
  return failures.length === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("runner/verify/verify.ts")) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`verify: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
