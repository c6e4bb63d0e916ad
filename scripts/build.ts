// npm run build: the production build. The Remix app (vite), then the web server, the worker and
// the two operator commands bundled with esbuild into build/*.js, so production runs plain
// `node build/server.js` / `node build/worker.js` without tsx. npm packages stay external: they
// come from `npm ci --omit=dev`. Last, every assessment's prober bundles (all tests for the worker,
// public tests for the starter's check.mjs) into build/prober, so production never runs esbuild.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";
import { execOrThrow } from "./lib/exec";
import { markBuilt } from "./lib/build-stamp";
import { loadAssessment } from "../runner/assessment/load";
import { buildProberBundle } from "../runner/prober/bundle";
import {
  PREBUILT_MANIFEST,
  prebuiltFileName,
  proberSourceHash,
  type BundleAudience,
  type PrebuiltManifest,
} from "../runner/pipeline/bundle-cache";

const ROOT = process.cwd();

export const ENTRIES = {
  server: "app/http/main.ts",
  worker: "runner/worker/main.ts",
  migrate: "scripts/migrate.ts",
  "admin-create": "scripts/admin-create.ts",
} as const;

// CommonJS dependencies call require() for node built-ins; ESM output needs a real one.
const REQUIRE_SHIM = 'import { createRequire as __hirekitCreateRequire } from "node:module"; const require = __hirekitCreateRequire(import.meta.url);';

/**
 * Runner modules find files beside their source (the prober's main.ts, the fixtures) through
 * import.meta.url; inside build/worker.js that would point into build/. Each keeps its source
 * location, resolved from the bundle's own place so the tree can move as a whole.
 */
const sourceLocatedImportMeta: Plugin = {
  name: "source-located-import-meta",
  setup(context) {
    context.onLoad({ filter: /[\\/]runner[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      if (!text.includes("import.meta.url")) return undefined;
      const fromBuild = path.relative(path.join(ROOT, "build"), args.path).split(path.sep).join("/");
      const located = `new URL(${JSON.stringify(fromBuild)}, import.meta.url).href`;
      return { contents: text.replaceAll("import.meta.url", located), loader: "ts" };
    });
  },
};

/**
 * npm packages stay external. A deep import without an extension ("ajv/dist/2020") into a package
 * without an exports map only resolves under CommonJS rules; plain node ESM needs the ".js".
 */
const externalPackages: Plugin = {
  name: "external-packages",
  setup(context) {
    context.onResolve({ filter: /^(@[^/]+\/)?[^./@][^/]*/ }, async (args) => {
      const match = /^((?:@[^/]+\/)?[^/]+)(\/.*)?$/.exec(args.path);
      if (!match || match[1].startsWith("node:") || match[1] === "~") return undefined;
      const [, name, subpath] = match;
      if (!subpath || /\.[cm]?js(on)?$/.test(subpath)) return { path: args.path, external: true };
      const manifest = JSON.parse(await readFile(path.join(ROOT, "node_modules", name, "package.json"), "utf8").catch(() => "{}")) as { exports?: unknown };
      return { path: manifest.exports ? args.path : `${args.path}.js`, external: true };
    });
  },
};

export async function bundleEntries(outDir = path.join(ROOT, "build")): Promise<string[]> {
  const written: string[] = [];
  for (const [name, entry] of Object.entries(ENTRIES)) {
    const outfile = path.join(outDir, `${name}.js`);
    await build({
      entryPoints: [path.join(ROOT, entry)],
      outfile,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      alias: { "~": path.join(ROOT, "app") },
      banner: { js: REQUIRE_SHIM },
      plugins: [externalPackages, sourceLocatedImportMeta],
      logLevel: "warning",
    });
    written.push(path.relative(ROOT, outfile));
  }
  return written;
}

/** Every assessment's bundles into outDir (emptied first), listed in its manifest. */
export async function buildProberBundles(assessmentsDir = path.join(ROOT, "assessments"), outDir = path.join(ROOT, "build", "prober")): Promise<PrebuiltManifest> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const manifest: PrebuiltManifest = { proberHash: await proberSourceHash(), bundles: [] };
  const folders = (await readdir(assessmentsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && existsSync(path.join(assessmentsDir, entry.name, "assessment.json")))
    .map((entry) => entry.name)
    .sort();
  for (const folder of folders) {
    const assessment = await loadAssessment(path.join(assessmentsDir, folder));
    for (const audience of ["all", "public"] as BundleAudience[]) {
      const file = prebuiltFileName(assessment.slug, audience, assessment.contentHash);
      await buildProberBundle(assessment.dir, { publicOnly: audience === "public", outFile: path.join(outDir, file) });
      manifest.bundles.push({ slug: assessment.slug, contentHash: assessment.contentHash, audience, file });
    }
  }
  await writeFile(path.join(outDir, PREBUILT_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function main() {
  console.log("==> Remix app (vite)");
  await execOrThrow("npx", ["remix", "vite:build"]);
  markBuilt();
  console.log("==> Server, worker and commands (esbuild)");
  for (const file of await bundleEntries()) console.log(`    ${file}`);
  console.log("==> Prober bundles (esbuild)");
  for (const bundle of (await buildProberBundles()).bundles) console.log(`    build/prober/${bundle.file}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(`build: ${(error as Error).message}`);
    process.exit(1);
  });
}
