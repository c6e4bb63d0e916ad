// The starter download: assessments/<slug>/starter/ plus the brief, the contract (openapi.yaml),
// check.mjs (the public-tests prober) and CHECK.md as a zip built on the fly. check.mjs comes from
// the runner's one bundle cache: prebuilt by `npm run build`, or built once per content hash in
// development.
import { existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import yazl from "yazl";
import { loadAssessment } from "../../runner/assessment/load";
import { cachedProberBundle } from "../../runner/pipeline/bundle-cache";
import { CHECK_SCRIPT } from "~/domain/code/files";
import { getConfig } from "./config.server";

export function assessmentDir(slug: string): string {
  return path.resolve(getConfig().ASSESSMENTS_DIR, slug);
}

/** The public-tests prober (check.mjs), from the runner's one bundle cache under DATA_DIR. */
export async function publicProberBundle(slug: string, contentHash: string): Promise<string> {
  return cachedProberBundle({
    assessmentDir: assessmentDir(slug),
    slug,
    contentHash,
    publicOnly: true,
    cacheDir: path.resolve(getConfig().DATA_DIR, "cache", "prober"),
  });
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

It needs Node.js 20 or newer and nothing else (no npm install). Options: \`--json\` prints one
JSON document instead of the table, \`--seed n\` repeats a run's generated test data exactly,
\`--help\` lists the rest.

## Reading the output

    Take-home title (assessment-id 1.0.0) — seed 1234567

         points  test                 title
    PASS 2/2     create-item          Creates an item and returns 201
    FAIL 0/3     list-pagination      Lists items page by page
           ↳ GET /items?page=2: expected status 200, got 500

    1/2 tests passed, 2/5 points (40 %)

- **PASS / FAIL / ERR**: the test passed, an assertion failed, or the request could not be made
  at all (connection refused, time-out).
- **points**: points earned out of points possible. Measured tests (for example latency) can
  earn part of their points.
- **↳**: why a test failed: the request that was sent and what came back, or which part of
  openapi.yaml the response broke (status, content type or body schema).
- **seed**: the random data for this run. Run again with \`--seed\` and the same number to repeat it.
- "Your service is not ready" means nothing answered on the readiness path before the time-out:
  start your service first, or pass the address it listens on.

The exit code is 0 when every test passed, 1 when some failed and 2 when the service was not
ready. Hidden tests are not included; they only count in your results.
`;

/** What check.mjs is and how to run it, at the top of the (bundled, hard to read) file. */
const CHECK_HEADER = (port: number) => `/*
 * check.mjs: the public contract tests of this take-home, bundled into one file.
 *
 * It is the same program the grader runs, with only the public tests. Run it against your
 * service while you work:
 *
 *     node check.mjs http://localhost:${port}
 *
 * Needs Node.js 20 or newer; nothing to install. CHECK.md explains the output. The code below
 * is generated; you do not need to read or change it.
 */
`;

/** The bundle with CHECK_HEADER after its shebang line (if any), so the file still runs directly. */
async function checkScript(bundle: string, port: number): Promise<Buffer> {
  const code = await readFile(bundle, "utf8");
  const shebang = code.startsWith("#!") ? code.slice(0, code.indexOf("\n") + 1) : "";
  return Buffer.from(shebang + CHECK_HEADER(port) + code.slice(shebang.length));
}

export interface StarterAssessment {
  slug: string;
  contentHash: string;
  port: number;
}

/** One file of the starter download, by its path inside the top-level folder. */
export type StarterFile = { path: string; mode: number } & ({ file: string } | { bytes: Buffer });

/**
 * Every file the candidate downloads, in zip order. The code view diffs uploads against this same
 * list, so whatever the candidate got back from us never shows as their change.
 */
export async function starterFiles(assessment: StarterAssessment): Promise<StarterFile[]> {
  const bundle = await publicProberBundle(assessment.slug, assessment.contentHash);
  const starterRoot = path.join(assessmentDir(assessment.slug), "starter");
  const files = await listFiles(starterRoot);
  const out: StarterFile[] = [];
  for (const rel of files) {
    const full = path.join(starterRoot, rel);
    const info = await stat(full);
    out.push({ path: rel, mode: info.mode & 0o777 ? (info.mode & 0o777) | 0o100000 : 0o100644, file: full });
  }
  out.push({ path: CHECK_SCRIPT, mode: 0o100755, bytes: await checkScript(bundle, assessment.port) });
  // The brief as the candidate page shows it: brief.md plus the Limits generated from assessment.json.
  if (!files.includes("brief.md")) {
    const { brief } = await loadAssessment(assessmentDir(assessment.slug));
    out.push({ path: "brief.md", mode: 0o100644, bytes: Buffer.from(brief) });
  }
  const contract = path.join(assessmentDir(assessment.slug), "openapi.yaml");
  if (!files.includes("openapi.yaml") && existsSync(contract)) out.push({ path: "openapi.yaml", mode: 0o100644, file: contract });
  if (!files.includes("CHECK.md")) out.push({ path: "CHECK.md", mode: 0o100644, bytes: Buffer.from(CHECK_README(assessment.port)) });
  return out;
}

/** Streams the zip; entries live under one top-level folder named after the assessment. */
export async function starterZip(assessment: StarterAssessment): Promise<Readable> {
  const entries = await starterFiles(assessment);
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    const name = `${assessment.slug}/${entry.path}`;
    if ("file" in entry) zip.addFile(entry.file, name, { mode: entry.mode });
    else zip.addBuffer(entry.bytes, name, { mode: entry.mode });
  }
  zip.end();
  return zip.outputStream as Readable;
}
