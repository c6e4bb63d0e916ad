// The one cache of prober bundles, for the worker (all tests) and the candidate's starter download
// (public tests only). `npm run build` builds every assessment's bundles once into build/prober
// (keyed by slug, audience and content hash, listed in manifest.json); production reads those and
// needs neither esbuild nor the prober's TypeScript sources. Where the sources are present
// (development), a bundle is used only if it was built from the same prober source; otherwise it is
// built at run time into DATA_DIR/cache/prober, once per assessment content, prober source and
// audience, written under a temporary name and renamed so a concurrent reader never sees half a file.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sharedEnvSchema } from "../contract/env";
import type { buildProberBundle } from "../prober/bundle";

// Under tsx, vitest, the Vite dev server and build/worker.js (whose build keeps each runner
// module's source location) this module's URL is runner/pipeline/bundle-cache.ts. Inside the Remix
// server build it is a .js file, served from the checkout's root; the prober sources, when there
// are any (never in the production image), are then under runner/prober there.
const MODULE_URL = import.meta.url;
const FROM_SOURCE = MODULE_URL.endsWith(".ts");
const PROBER_SOURCE_DIR = FROM_SOURCE ? fileURLToPath(new URL("../prober", MODULE_URL)) : path.resolve("runner", "prober");

/** Where `npm run build` put the bundles: PROBER_BUNDLE_DIR (default build/prober). */
export function prebuiltBundleDir(): string {
  return path.resolve(sharedEnvSchema.pick({ PROBER_BUNDLE_DIR: true }).parse(process.env).PROBER_BUNDLE_DIR);
}
export const PREBUILT_MANIFEST = "manifest.json";

export type BundleAudience = "all" | "public";

export interface PrebuiltManifest {
  /** Hash of the prober source the bundles were built from. */
  proberHash: string;
  bundles: Array<{ slug: string; contentHash: string; audience: BundleAudience; file: string }>;
}

export interface BundleRequest {
  assessmentDir: string;
  slug: string;
  contentHash: string;
  /** The candidate's check.mjs carries only the public tests. */
  publicOnly: boolean;
  cacheDir: string;
  /** The prebuilt bundles (default build/prober). */
  prebuiltDir?: string;
}

/** True in a checkout (development): the prober's TypeScript sources are there to build from. */
export function proberSourcesPresent(): boolean {
  return existsSync(path.join(PROBER_SOURCE_DIR, "main.ts"));
}

type Bundler = { buildProberBundle: typeof buildProberBundle };

/**
 * The bundler, loaded only when a bundle must be built, so a process that reads prebuilt bundles
 * never loads esbuild. From the Remix server build it is imported as TypeScript source, which
 * works only under a TypeScript loader (tsx, as the test servers run); plain `node build/server.js`
 * cannot, and says so.
 */
async function loadBundler(): Promise<Bundler> {
  if (FROM_SOURCE) return import("../prober/bundle");
  const source = pathToFileURL(path.join(PROBER_SOURCE_DIR, "bundle.ts")).href;
  return (import(/* @vite-ignore */ source) as Promise<Bundler>).catch((error: unknown) => {
    throw new Error(`the prober cannot be built in this process (${(error as Error).message}): run npm run build`);
  });
}

let proberHash: Promise<string> | null = null;

/** The prober's own source takes part in the bundle's identity, so a prober change rebuilds it. */
export function proberSourceHash(): Promise<string> {
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

export function prebuiltFileName(slug: string, audience: BundleAudience, contentHash: string): string {
  return `${slug}-${audience}-${contentHash.slice(0, 16)}.mjs`;
}

const manifests = new Map<string, Promise<PrebuiltManifest | null>>();

function readManifest(dir: string): Promise<PrebuiltManifest | null> {
  let pending = manifests.get(dir);
  if (!pending) {
    pending = readFile(path.join(dir, PREBUILT_MANIFEST), "utf8").then(
      (text) => JSON.parse(text) as PrebuiltManifest,
      () => null,
    );
    manifests.set(dir, pending);
  }
  return pending;
}

/** The prebuilt bundle for this request, or null when build/prober has none that fits. */
async function prebuiltBundle(request: BundleRequest, sourcesPresent: boolean): Promise<string | null> {
  const dir = request.prebuiltDir ?? prebuiltBundleDir();
  const manifest = await readManifest(dir);
  const audience: BundleAudience = request.publicOnly ? "public" : "all";
  const entry = manifest?.bundles.find((b) => b.slug === request.slug && b.contentHash === request.contentHash && b.audience === audience);
  if (!manifest || !entry) return null;
  if (sourcesPresent && manifest.proberHash !== (await proberSourceHash())) return null;
  const file = path.join(dir, entry.file);
  return existsSync(file) ? file : null;
}

const building = new Map<string, Promise<string>>();

/** The bundle's path: prebuilt, else cached, else built first (development only); concurrent callers share one build. */
export async function cachedProberBundle(request: BundleRequest): Promise<string> {
  const sourcesPresent = proberSourcesPresent();
  const prebuilt = await prebuiltBundle(request, sourcesPresent);
  if (prebuilt) return prebuilt;
  if (!sourcesPresent) {
    throw new Error(
      `no prebuilt prober bundle for ${request.slug} (${request.contentHash.slice(0, 16)}, ${request.publicOnly ? "public" : "all"} tests) in ${request.prebuiltDir ?? prebuiltBundleDir()}: run npm run build with this assessments folder`,
    );
  }
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
    pending = loadBundler()
      .then(({ buildProberBundle }) => buildProberBundle(request.assessmentDir, { publicOnly: request.publicOnly, outFile: partial }))
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
