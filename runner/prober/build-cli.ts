// Builds a prober bundle from the command line:
//   npx tsx runner/prober/build-cli.ts assessments/<slug> --out /tmp/prober.mjs [--public-only]
// With --public-only the output is the candidate's check.mjs.
import { parseArgs } from "node:util";
import { z } from "zod";
import { buildProberBundle } from "./bundle";

const argsSchema = z.object({
  assessmentDir: z.string().min(1, { message: "give the assessment folder, e.g. assessments/junior-inventory-api" }),
  out: z.string().min(1, { message: "give the output file with --out" }),
  "public-only": z.boolean().default(false),
});

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { out: { type: "string" }, "public-only": { type: "boolean" } },
    allowPositionals: true,
  });
  const parsed = argsSchema.safeParse({ ...values, assessmentDir: positionals[0] ?? "" });
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
  const { assessmentDir, out } = parsed.data;
  const info = await buildProberBundle(assessmentDir, { publicOnly: parsed.data["public-only"], outFile: out });
  process.stdout.write(
    `${info.outFile}: ${info.tests} tests (${info.publicTests} public, ${info.hiddenTests} hidden in the assessment), ${Math.round(info.bytes / 1024)} KiB\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`build-cli: ${(error as Error).message}\n`);
  process.exit(1);
});
