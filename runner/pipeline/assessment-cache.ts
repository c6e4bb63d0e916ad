import { createHash } from "node:crypto";
import { readdir, readFile, rename, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadAssessment, type LoadedAssessment } from "../assessment/load";
import { buildProberBundle } from "../prober/bundle";
import { dataPath } from "../settings";

const PROBER_SOURCE_DIR = fileURLToPath(new URL("../prober", import.meta.url));

export interface GradingAssessment {
  assessment: LoadedAssessment;
  /** The prober bundle for this assessment version and prober source, built once and reused. */
  bundlePath: string;
}

let proberHash: Promise<string> | null = null;

/** The prober's own source takes part in the bundle's identity, so a prober change rebuilds it. */
function proberSourceHash(): Promise<string> {
  proberHash ??= (async () => {
    const hash = createHash("sha256");
    const walk = async (dir: string) => {
      for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== "fixtures") await walk(full);
        } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
          hash
            .update(path.relative(PROBER_SOURCE_DIR, full))
            .update("\0")
            .update(await readFile(full))
            .update("\0");
        }
      }
    };
    await walk(PROBER_SOURCE_DIR);
    return hash.digest("hex");
  })();
  return proberHash;
}

const building = new Map<string, Promise<void>>();

export async function loadGradingAssessment(assessmentDir: string, bundleDir = dataPath("cache", "prober-bundles")): Promise<GradingAssessment> {
  const assessment = await loadAssessment(assessmentDir);
  const identity = createHash("sha256")
    .update(assessment.contentHash)
    .update(await proberSourceHash())
    .digest("hex");
  const bundlePath = path.join(bundleDir, `${assessment.slug}-${identity.slice(0, 16)}.mjs`);
  const exists = await stat(bundlePath).then(
    () => true,
    () => false,
  );
  if (!exists) {
    let pending = building.get(bundlePath);
    if (!pending) {
      // Written under a temporary name and renamed, so a concurrent reader never sees half a file.
      const partial = `${bundlePath}.${process.pid}.partial.mjs`;
      pending = buildProberBundle(assessment.dir, { publicOnly: false, outFile: partial })
        .then(() => rename(partial, bundlePath))
        .finally(() => building.delete(bundlePath));
      building.set(bundlePath, pending);
    }
    await pending;
  }
  return { assessment, bundlePath };
}
