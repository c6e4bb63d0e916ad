// How the starvation threshold (sandbox/pressure.ts DEFAULT_CONTENTION_THRESHOLDS) was chosen: grades
// the intermediate reference and its hashing-heavy variant quiet and under a CPU hog, with and
// without the worker's CPU isolation, and prints what the service and the prober were denied.
// Usage: npx tsx bench/fairness/psi.ts [--hog 4] [--repeat 2]
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ensureRuntimeImages } from "../../runner/images/ensure";
import { gradeAndRelease } from "../../runner/pipeline/grade";
import { DockerSandboxDriver } from "../../runner/sandbox/docker-driver";
import type { PressureReport } from "../../runner/sandbox/pressure";
import { assessmentsDir } from "../../runner/settings";
import { setUpGradingSandbox } from "../../runner/worker/sandbox-setup";
import { startHog } from "./hog";
import { hashingHeavyVariant } from "./variant";

const raw = parseArgs({ options: { hog: { type: "string" }, repeat: { type: "string" } } }).values;
const options = z
  .object({ hog: z.coerce.number().int().min(1).max(64).default(2 * cpus().length), repeat: z.coerce.number().int().min(1).max(10).default(2) })
  .parse(raw);

const fmt = (report: PressureReport | null) =>
  report ? `starved ${String(report.starvedPercent).padStart(5)} % (${Math.round(report.starvedMs)} ms), some ${Math.round(report.someStallMs)} ms, max avg10 ${report.maxSomeAvg10}` : "n/a";

async function main() {
  await ensureRuntimeImages();
  const work = await mkdtemp(path.join(tmpdir(), "hirekit-psi-"));
  const isolated = (await setUpGradingSandbox({ requestedConcurrency: 1, assessmentsDir: assessmentsDir(), log: () => undefined })).driver;
  const plain = new DockerSandboxDriver();
  const assessmentDir = path.join(assessmentsDir(), "intermediate-projects-api");
  const subjects = { reference: path.join(assessmentDir, "reference"), "hashing-heavy": await hashingHeavyVariant(work) };
  try {
    for (const hog of [0, options.hog]) {
      const running = hog > 0 ? startHog(hog, 600) : null;
      try {
        for (const [placement, driver] of [
          ["isolated", isolated],
          ["default", plain],
        ] as const) {
          for (const [name, directory] of Object.entries(subjects)) {
            for (let i = 0; i < options.repeat; i += 1) {
              const result = await gradeAndRelease({ directory, assessmentDir, seed: 1, submissionId: `psi-${placement}-${i}`, driver });
              console.log(
                `hog ${hog} | ${placement.padEnd(8)} | ${name.padEnd(13)} | score ${((result.scores?.overall ?? 0) * 100).toFixed(1)} | tests ${result.timings.tests ?? "-"} ms | service ${fmt(result.contention?.service ?? null)} | prober ${fmt(result.contention?.prober ?? null)}`,
              );
            }
          }
        }
      } finally {
        running?.stop();
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
