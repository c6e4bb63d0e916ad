// Mutants: small realistic bugs in an assessment's reference, used to prove the hidden tests catch
// them. A mutant is either assessments/<slug>/mutants/<id>.json (exact edits of a base variant) or
// a folder assessments/<slug>/mutants/<id>/ holding a full copy of a broken solution.
// Slips: assessments/<slug>/slips/<id>.json, single realistic mistakes stored the same way, used to
// prove proportionality: a slip may cost at most twice the points of the tests about its rule.
import { cp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const editSchema = z.strictObject({
  file: z
    .string()
    .min(1)
    .refine((f) => !path.isAbsolute(f) && !f.split(/[\\/]/).includes(".."), { message: "must be a relative path inside the base" }),
  find: z.string().min(1),
  replace: z.string(),
});

export const mutantSpecSchema = z.strictObject({
  description: z.string().min(5),
  base: z.string().regex(/^[a-z0-9-]+$/, { message: "must be a variant folder name such as reference" }).default("reference"),
  /** Hidden tests expected to fail on this mutant; at least one of them must. */
  caughtBy: z.array(z.string().min(1)).min(1),
  edits: z.array(editSchema).min(1),
});

export type MutantSpec = z.output<typeof mutantSpecSchema>;

export const slipSpecSchema = z.strictObject({
  description: z.string().min(5),
  base: mutantSpecSchema.shape.base,
  /**
   * The tests about the slip's rule (test ids, conformance items such as "contract:POST:/items",
   * or a prefix ending in * for seeded derived checks); their points set the bound.
   */
  about: z.array(z.string().min(1)).min(1),
  edits: z.array(editSchema).min(1),
});

export type SlipSpec = z.output<typeof slipSpecSchema>;

export interface Slip {
  id: string;
  file: string;
  spec: SlipSpec;
}

/** A slip may cost at most this many times the points of the tests about its rule. */
export const SLIP_BOUND_FACTOR = 2;

async function readSpec<T extends z.ZodType>(file: string, schema: T): Promise<z.output<T>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}

export async function listSlips(assessmentDir: string): Promise<Slip[]> {
  const dir = path.join(assessmentDir, "slips");
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const slips: Slip[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isFile() || !entry.name.endsWith(".json")) continue;
    const file = path.join(dir, entry.name);
    slips.push({ id: entry.name.replace(/\.json$/, ""), file, spec: await readSpec(file, slipSpecSchema) });
  }
  return slips;
}

/** Writes the slip's solution (its base with the edits applied) into `target`. */
export function materialiseSlip(assessmentDir: string, slip: Slip, target: string): Promise<string> {
  return applyEdits(assessmentDir, slip.file, slip.spec, target);
}

export type Mutant =
  | { id: string; kind: "edits"; file: string; spec: MutantSpec }
  | { id: string; kind: "copy"; dir: string; description: string; caughtBy: string[] };

export async function listMutants(assessmentDir: string): Promise<Mutant[]> {
  const dir = path.join(assessmentDir, "mutants");
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const mutants: Mutant[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name.endsWith(".json")) {
      mutants.push({ id: entry.name.replace(/\.json$/, ""), kind: "edits", file: full, spec: await readSpec(full, mutantSpecSchema) });
    } else if (entry.isDirectory()) {
      const meta = await readFile(path.join(full, "mutant.json"), "utf8").then(
        (text) => JSON.parse(text) as { description?: string; caughtBy?: string[] },
        () => ({}) as { description?: string; caughtBy?: string[] },
      );
      mutants.push({ id: entry.name, kind: "copy", dir: full, description: meta.description ?? entry.name, caughtBy: meta.caughtBy ?? [] });
    }
  }
  return mutants;
}

export function describeMutant(mutant: Mutant): { description: string; caughtBy: string[] } {
  return mutant.kind === "edits" ? mutant.spec : mutant;
}

/** Writes the mutant's solution into `target` (which must not exist yet) and returns it. */
export async function materialiseMutant(assessmentDir: string, mutant: Mutant, target: string): Promise<string> {
  if (mutant.kind === "copy") {
    await cp(mutant.dir, target, { recursive: true, filter: (src) => path.basename(src) !== "mutant.json" });
    return target;
  }
  return applyEdits(assessmentDir, mutant.file, mutant.spec, target);
}

/** Copies the spec's base variant into `target` and applies its exact edits (each `find` once). */
async function applyEdits(
  assessmentDir: string,
  specFile: string,
  spec: { base: string; edits: z.output<typeof editSchema>[] },
  target: string,
): Promise<string> {
  const base = path.join(assessmentDir, spec.base);
  if (!(await stat(base).catch(() => null))?.isDirectory()) throw new Error(`${specFile}: base folder ${base} does not exist`);
  await cp(base, target, { recursive: true, filter: (src) => path.basename(src) !== "node_modules" });
  for (const [i, edit] of spec.edits.entries()) {
    const file = path.join(target, edit.file);
    const text = await readFile(file, "utf8").catch(() => {
      throw new Error(`${specFile}: edits.${i}: ${edit.file} does not exist in ${spec.base}/`);
    });
    const count = text.split(edit.find).length - 1;
    if (count !== 1) {
      throw new Error(`${specFile}: edits.${i}: the text to find occurs ${count} times in ${edit.file} (must be exactly once)`);
    }
    await writeFile(file, text.replace(edit.find, () => edit.replace));
  }
  return target;
}
