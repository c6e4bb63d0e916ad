// The one cache of prober bundles, for the worker (all tests) and the candidate's starter download
// (public tests only): one file per assessment content, prober source and audience under
// DATA_DIR/cache/prober, built once, written under a temporary name and renamed, so a concurrent
// reader never sees half a file.
import { createHash } from "node:crypto";
import { readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildProberBundle } from "../prober/bundle";

const PROBER_SOURCE_DIR = fileURLToPath(new URL("../prober", import.meta.url));

export interface BundleRequest {
  assessmentDir: string;
  slug: string;
  contentHash: string;
  /** The candidate's check.mjs carries only the public tests. */
  publicOnly: boolean;
  cacheDir: string;
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

const building = new Map<string, Promise<string>>();

/** The bundle's path, built first when it is not in the cache yet; concurrent callers share one build. */
export async function cachedProberBundle(request: BundleRequest): Promise<string> {
  const identity = createHash("sha256")
    .update(request.contentHash)
    .update("\0")
    .update(await proberSourceHash())
    .update(request.publicOnly ? "\0public" : "\0all")
    .digest("hex");
  const file = path.join(request.cacheDir, `${request.slug}-${request.publicOnly ? "public" : "all"}-${identity.slice(0, 16)}.mjs`);
  if (await stat(file).then(() => true, () => false)) return file;
  let pending = building.get(file);
  if (!pending) {
    const partial = `${file}.${process.pid}.${Date.now()}.partial.mjs`;
    pending = buildProberBundle(request.assessmentDir, { publicOnly: request.publicOnly, outFile: partial })
      .then(() => rename(partial, file))
      .then(() => file)
      .finally(() => {
        building.delete(file);
        return rm(partial, { force: true });
      });
    building.set(file, pending);
  }
  return pending;
}
