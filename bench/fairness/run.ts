// Same work, same score: grades each assessment's reference and a password-hashing-heavy variant
// once on a quiet host, then N times each while the host is busy (a CPU hog of 2× cores busy loops
// plus grading at the worker's full concurrency), through the worker's own sandbox set-up (CPU
// slots, the grading cgroup parent, pressure measurement) and its inconclusive-run rule. Prints
// every score beside the quiet one and how many starved runs were regraded.
// Usage: npx tsx bench/fairness/run.ts [--runs 10] [--hog 4] [--max-minutes 80] [--only slug,...]
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { MAX_INCONCLUSIVE_RUNS } from "../../runner/contract/grading-host";
import { ensureRuntimeImages } from "../../runner/images/ensure";
import { gradeAndRelease, type GradeResult } from "../../runner/pipeline/grade";
import { assessmentsDir } from "../../runner/settings";
import { setUpGradingSandbox, type GradingSandbox } from "../../runner/worker/sandbox-setup";
import { startHog } from "./hog";
import { hashingHeavyVariant } from "./variant";

const raw = parseArgs({ options: { runs: { type: "string" }, hog: { type: "string" }, "max-minutes": { type: "string" }, only: { type: "string" } } }).values;
const options = z
  .object({
    runs: z.coerce.number().int().min(1).max(50).default(10),
    hog: z.coerce.number().int().min(0).max(64).default(2 * cpus().length),
    maxMinutes: z.coerce.number().min(1).max(240).default(80),
    only: z.string().optional(),
  })
  .parse({ runs: raw.runs, hog: raw.hog, maxMinutes: raw["max-minutes"], only: raw.only });
const maxMinutes = options.maxMinutes;

interface Subject {
  name: string;
  assessmentDir: string;
  directory: string;
}

interface Graded {
  score: number | null;
  status: string;
  inconclusive: number;
  overloaded: boolean;
  starved: string;
  failedTests: string[];
}

const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);

function starvedSummary(result: GradeResult): string {
  const contention = result.contention;
  if (!contention) return "n/a";
  const part = (report: { starvedPercent: number } | null) => (report ? `${report.starvedPercent}%` : "-");
  return `svc ${part(contention.service)} prb ${part(contention.prober)}`;
}

/** Grades like the worker does: a starved run is thrown away and graded again, up to the worker's limit. */
async function gradeConclusively(sandbox: GradingSandbox, subject: Subject, label: string): Promise<Graded> {
  let inconclusive = 0;
  for (;;) {
    const result = await gradeAndRelease({
      directory: subject.directory,
      assessmentDir: subject.assessmentDir,
      seed: 1,
      submissionId: `fairness-${label}`,
      driver: sandbox.driver,
    });
    if (result.inconclusive === null) {
      return {
        score: result.scores?.overall ?? null,
        status: result.status,
        inconclusive,
        overloaded: false,
        starved: starvedSummary(result),
        failedTests: result.results.filter((test) => test.earned < test.points).map((test) => `${test.id}: ${(test.message ?? "").slice(0, 120)}`),
      };
    }
    inconclusive += 1;
    log(`  ${label}: inconclusive (${result.inconclusive})`);
    if (inconclusive >= MAX_INCONCLUSIVE_RUNS) {
      return { score: null, status: "ERROR", inconclusive, overloaded: true, starved: starvedSummary(result), failedTests: [] };
    }
    await sleep(5_000 * inconclusive);
  }
}

const percent = (score: number | null) => (score === null ? "—" : `${(score * 100).toFixed(1)}`);

async function main() {
  await ensureRuntimeImages();
  const requested = cpus().length;
  const sandbox = await setUpGradingSandbox({ requestedConcurrency: requested, assessmentsDir: assessmentsDir(), log: (line) => log(`setup: ${line}`) });
  const concurrency = sandbox.layout.concurrency;
  const workDir = await mkdtemp(path.join(tmpdir(), "hirekit-fairness-"));
  const deadline = Date.now() + maxMinutes * 60_000;
  let hog: ReturnType<typeof startHog> | null = null;
  const stopAll = () => {
    hog?.stop();
    process.exit(130);
  };
  process.once("SIGINT", stopAll);
  process.once("SIGTERM", stopAll);
  try {
    const subjects: Subject[] = ["junior-inventory-api", "intermediate-projects-api", "senior-wallet-ledger"].map((slug) => ({
      name: `${slug} reference`,
      assessmentDir: path.join(assessmentsDir(), slug),
      directory: path.join(assessmentsDir(), slug, "reference"),
    }));
    subjects.push({
      name: "intermediate hashing-heavy",
      assessmentDir: path.join(assessmentsDir(), "intermediate-projects-api"),
      directory: await hashingHeavyVariant(workDir),
    });
    const chosen = options.only ? subjects.filter((s) => options.only!.split(",").some((part) => s.name.includes(part))) : subjects;

    log(`quiet: grading each subject once (concurrency ${concurrency})`);
    const quiet = new Map<string, Graded>();
    for (const subject of chosen) {
      const graded = await gradeConclusively(sandbox, subject, `quiet-${quiet.size}`);
      quiet.set(subject.name, graded);
      log(`  ${subject.name}: ${percent(graded.score)} ${graded.status} (starved ${graded.starved}; inconclusive ${graded.inconclusive})`);
      for (const failed of graded.failedTests) log(`    lost: ${failed}`);
    }

    log(`busy: ${options.hog} busy-loop processes on ${cpus().length} cores, ${options.runs} gradings per subject at concurrency ${concurrency}`);
    hog = startHog(options.hog, maxMinutes * 60);
    const jobs = chosen.flatMap((subject) => Array.from({ length: options.runs }, (_, run) => ({ subject, run })));
    const busy = new Map<string, Graded[]>(chosen.map((subject) => [subject.name, []]));
    let next = 0;
    let skipped = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, lane) => {
        while (next < jobs.length) {
          const job = jobs[next++];
          if (Date.now() > deadline) {
            skipped += 1;
            continue;
          }
          const graded = await gradeConclusively(sandbox, job.subject, `busy-${lane}-${job.run}-${next}`);
          busy.get(job.subject.name)!.push(graded);
          const same = graded.score === quiet.get(job.subject.name)?.score;
          log(`  ${job.subject.name} #${job.run + 1}: ${percent(graded.score)}${same ? "" : " DIFFERS"} (starved ${graded.starved}; inconclusive ${graded.inconclusive})`);
          if (!same) for (const failed of graded.failedTests) log(`    lost: ${failed}`);
        }
      }),
    );
    hog.stop();

    console.log("");
    console.log(`| subject | quiet | busy scores (${options.hog} hog loops, concurrency ${concurrency}) | identical | inconclusive regraded | overloaded (ERROR) |`);
    console.log("| --- | --- | --- | --- | --- | --- |");
    for (const subject of chosen) {
      const runs = busy.get(subject.name)!;
      const quietScore = quiet.get(subject.name)!.score;
      const identical = runs.filter((run) => run.score === quietScore).length;
      console.log(
        `| ${subject.name} | ${percent(quietScore)} | ${runs.map((run) => percent(run.score)).join(" ")} | ${identical}/${runs.length} | ${runs.reduce((sum, run) => sum + run.inconclusive, 0)} | ${runs.filter((run) => run.overloaded).length} |`,
      );
    }
    if (skipped > 0) console.log(`\n${skipped} gradings skipped: the ${maxMinutes}-minute bound was reached`);
  } finally {
    hog?.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
