// Grades a folder or archive without the web app:
//   npx tsx runner/cli/grade.ts <folder|archive> --assessment <slug|path> [--json] [--seed N]
import { randomBytes } from "node:crypto";
import { stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ensureRuntimeImages } from "../images/ensure";
import { gradeAndRelease } from "../pipeline/grade";
import { removeWorkFolders } from "../pipeline/work-folders";
import { DockerSandboxDriver } from "../sandbox/docker-driver";
import { assessmentsDir as configuredAssessmentsDir, dataPath } from "../settings";
import { formatGradeResult } from "./format";

const USAGE =
  "usage: npx tsx runner/cli/grade.ts <folder|archive> --assessment <slug|path> [--json] [--seed N] [--assessments-dir DIR]";

const argsSchema = z.object({
  target: z.string({ error: "give the folder or archive to grade" }).min(1),
  assessment: z.string({ error: "--assessment is required (a folder name under assessments/ or a path)" }).min(1),
  json: z.boolean().default(false),
  seed: z.coerce
    .number({ error: "--seed must be a number" })
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  assessmentsDir: z.string().optional(),
});

class UsageError extends Error {}

function parseCommandLine(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        assessment: { type: "string", short: "a" },
        json: { type: "boolean" },
        seed: { type: "string" },
        "assessments-dir": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help) return null;
  if (parsed.positionals.length > 1) throw new UsageError(`expected one folder or archive, got ${parsed.positionals.join(" ")}`);
  const result = argsSchema.safeParse({
    target: parsed.positionals[0],
    assessment: parsed.values.assessment,
    json: parsed.values.json,
    seed: parsed.values.seed,
    assessmentsDir: parsed.values["assessments-dir"],
  });
  if (!result.success) throw new UsageError(result.error.issues.map((issue) => issue.message).join("; "));
  return result.data;
}

/** A bare slug names a folder under the assessments directory; anything with a slash is a path. */
function assessmentPath(assessment: string, assessmentsDir: string): string {
  return assessment.includes("/") || assessment.includes(path.sep)
    ? path.resolve(assessment)
    : path.resolve(assessmentsDir, assessment);
}

/**
 * SIGINT/SIGTERM while grading: remove this grading's containers and work folder before exiting,
 * instead of leaving them for a worker's sweep.
 */
let interrupted = false;

function cleanUpOnSignal(submissionId: string, driver: DockerSandboxDriver, workRoot: string): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write(`\n${signal}: removing the grading's containers and files…\n`);
    // Twice: a container the engine was still creating when the signal came appears after the first pass.
    const removeAll = () => Promise.allSettled([driver.destroy(submissionId), removeWorkFolders(workRoot, submissionId)]);
    removeAll()
      .then(() => sleep(1000))
      .then(removeAll)
      .then(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
}

/** Prints the result and resolves once stdout has taken all of it (a pipe may be slower than us). */
export function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(`${text}\n`, (error) => (error ? reject(error) : resolve())));
}

export async function runGradeCommand(argv: string[]): Promise<number> {
  const args = parseCommandLine(argv);
  if (!args) {
    console.log(USAGE);
    return 0;
  }
  const target = path.resolve(args.target);
  const info = await stat(target).catch(() => null);
  if (!info) throw new UsageError(`${args.target} does not exist`);
  const assessmentDir = assessmentPath(args.assessment, args.assessmentsDir ?? configuredAssessmentsDir());
  if (!(await stat(path.join(assessmentDir, "assessment.json")).catch(() => null))) {
    throw new UsageError(`no assessment at ${assessmentDir} (expected an assessment.json there)`);
  }
  await ensureRuntimeImages({ log: (line) => console.error(`[images] ${line}`) });
  const submissionId = `cli-${randomBytes(6).toString("hex")}`;
  const driver = new DockerSandboxDriver();
  const workRoot = dataPath("work");
  const stopCleanup = cleanUpOnSignal(submissionId, driver, workRoot);
  const result = await gradeAndRelease({
    ...(info.isDirectory() ? { directory: target } : { archivePath: target }),
    assessmentDir,
    seed: args.seed,
    submissionId,
    driver,
    workRoot,
    onProgress: args.json
      ? undefined
      : (progress) => {
          if (progress.stage === "tests" && progress.testsTotal !== null) {
            process.stderr.write(`\r… tests ${progress.testsDone}/${progress.testsTotal}   `);
          } else process.stderr.write(`\r… ${progress.stage}             `);
        },
  }).finally(stopCleanup);
  if (!args.json) process.stderr.write("\r\x1b[K");
  await writeOut(args.json ? JSON.stringify(result, null, 2) : formatGradeResult(result));
  return result.status === "GRADED" ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // After a signal the cleanup decides the exit; the grading it cut short fails meanwhile.
  runGradeCommand(process.argv.slice(2)).then(
    (code) => (interrupted ? undefined : process.exit(code)),
    (error: unknown) => {
      if (interrupted) return;
      if (error instanceof UsageError) {
        console.error(`${error.message}\n${USAGE}`);
        process.exit(2);
      }
      console.error(`grading failed on our side: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(3);
    },
  );
}
