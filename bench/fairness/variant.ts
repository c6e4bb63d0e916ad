import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { assessmentsDir } from "../../runner/settings";

/** The intermediate reference with scrypt at N = 2^15 (twice the default cost per hash): hashing-heavy, still correct. */
export async function hashingHeavyVariant(workDir: string): Promise<string> {
  const source = path.join(assessmentsDir(), "intermediate-projects-api", "reference");
  const target = path.join(workDir, "intermediate-hashing-heavy");
  await cp(source, target, { recursive: true });
  const auth = path.join(target, "src", "auth.js");
  const text = await readFile(auth, "utf8");
  const heavy = text.replaceAll(
    /scryptAsync\(password, salt, (32|expected\.length)\)/g,
    "scryptAsync(password, salt, $1, { N: 2 ** 15, maxmem: 64 * 1024 * 1024 })",
  );
  if ((heavy.match(/N: 2 \*\* 15/g) ?? []).length !== 2) throw new Error(`could not make the hashing-heavy variant: ${auth} changed`);
  await writeFile(auth, heavy);
  return target;
}
