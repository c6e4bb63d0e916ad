// The starter download: assessments/<slug>/starter/ plus check.mjs (the public-tests prober) as
// a zip built on the fly. The prober bundle is built once per assessment content hash and cached
// under DATA_DIR; concurrent first downloads share one build.
import { existsSync } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import yazl from "yazl";
import type { buildProberBundle } from "../../runner/prober/bundle";
import { getConfig } from "./config.server";

type BundleModule = { buildProberBundle: typeof buildProberBundle };

// The bundler finds main.ts and suite.ts next to itself through import.meta.url, which only holds
// when the runner module is loaded from its source folder, not inlined into the web build.
async function loadBundler(): Promise<BundleModule> {
  const url = pathToFileURL(path.resolve("runner/prober/bundle.ts")).href;
  return (await import(/* @vite-ignore */ url)) as BundleModule;
}

const inFlight = new Map<string, Promise<string>>();

export function assessmentDir(slug: string): string {
  return path.resolve(getConfig().ASSESSMENTS_DIR, slug);
}

export async function publicProberBundle(slug: string, contentHash: string): Promise<string> {
  const cacheDir = path.resolve(getConfig().DATA_DIR, "cache", "prober", contentHash.replace(/[^a-f0-9]/gi, "").slice(0, 64));
  const file = path.join(cacheDir, "check.mjs");
  if (existsSync(file)) return file;
  let pending = inFlight.get(file);
  if (!pending) {
    pending = (async () => {
      await mkdir(cacheDir, { recursive: true });
      // Built beside the final name and renamed, so a reader never sees half a file.
      const temp = path.join(cacheDir, `check.${process.pid}.${Date.now()}.tmp.mjs`);
      try {
        const { buildProberBundle } = await loadBundler();
        await buildProberBundle(assessmentDir(slug), { publicOnly: true, outFile: temp });
        await rename(temp, file);
      } finally {
        await rm(temp, { force: true });
      }
      return file;
    })().finally(() => inFlight.delete(file));
    inFlight.set(file, pending);
  }
  return pending;
}

async function listFiles(root: string, relative = ""): Promise<string[]> {
  const dir = path.join(root, relative);
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = path.posix.join(relative, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(root, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

const CHECK_README = (port: number) => `# Checking your solution locally

check.mjs runs the same public contract tests the grader runs. With your service listening on
port ${port}:

    node check.mjs http://localhost:${port}

It needs Node.js 20 or newer and nothing else. Hidden tests are not included; they are only
counted in your results.
`;

/** Streams the zip; entries live under one top-level folder named after the assessment. */
export async function starterZip(assessment: { slug: string; contentHash: string; port: number }): Promise<Readable> {
  const bundle = await publicProberBundle(assessment.slug, assessment.contentHash);
  const starterRoot = path.join(assessmentDir(assessment.slug), "starter");
  const files = await listFiles(starterRoot);
  const zip = new yazl.ZipFile();
  const top = assessment.slug;
  for (const rel of files) {
    const full = path.join(starterRoot, rel);
    const info = await stat(full);
    zip.addFile(full, `${top}/${rel}`, { mode: info.mode & 0o777 ? (info.mode & 0o777) | 0o100000 : 0o100644 });
  }
  zip.addFile(bundle, `${top}/check.mjs`, { mode: 0o100755 });
  if (!files.includes("CHECK.md")) zip.addBuffer(Buffer.from(CHECK_README(assessment.port)), `${top}/CHECK.md`, { mode: 0o100644 });
  zip.end();
  return zip.outputStream as Readable;
}
