// Grades a folder or archive without the web app:
//   npx tsx runner/cli/grade.ts <folder|archive> --assessment <slug|path> [--json] [--seed N]
import { randomBytes } from "node:crypto";
import { stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ensureRuntimeImages } from "../images/ensure";
import { gradeSubmission } from "../pipeline/grade";
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
  assessmentsDir: z.string().default(process.env.ASSESSMENTS_DIR ?? "assessments"),
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

export async function runGradeCommand(argv: string[]): Promise<number> {
  const args = parseCommandLine(argv);
  if (!args) {
    console.log(USAGE);
    return 0;
  }
  const target = path.resolve(args.target);
  const info = await stat(target).catch(() => null);
  if (!info) throw new UsageError(`${args.target} does not exist`);
  const assessmentDir = assessmentPath(args.assessment, args.assessmentsDir);
  if (!(await stat(path.join(assessmentDir, "assessment.json")).catch(() => null))) {
    throw new UsageError(`no assessment at ${assessmentDir} (expected an assessment.json there)`);
  }
  await ensureRuntimeImages({ log: (line) => console.error(`[images] ${line}`) });
  const result = await gradeSubmission({
    ...(info.isDirectory() ? { directory: target } : { archivePath: target }),
    assessmentDir,
    seed: args.seed,
    submissionId: `cli-${randomBytes(6).toString("hex")}`,
    onProgress: args.json
      ? undefined
      : (progress) => {
          if (progress.stage === "tests" && progress.testsTotal !== null) {
            process.stderr.write(`\r… tests ${progress.testsDone}/${progress.testsTotal}   `);
          } else process.stderr.write(`\r… ${progress.stage}             `);
        },
  });
  if (!args.json) process.stderr.write("\r\x1b[K");
  console.log(args.json ? JSON.stringify(result, null, 2) : formatGradeResult(result));
  return result.status === "GRADED" ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runGradeCommand(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(`${error.message}\n${USAGE}`);
        process.exit(2);
      }
      console.error(`grading failed on our side: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(3);
    },
  );
}
