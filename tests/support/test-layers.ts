// Splits the test files into two vitest projects. A file is an integration test when it reaches for
// a service or a process: a test database, Redis, the Docker Engine, a real app server, the real
// runner, or child processes (spawned directly or given process.execPath to spawn). Everything
// else is a unit test, which must pass in seconds with PostgreSQL, Redis and Docker stopped; the
// global setup that starts services runs only for the integration project.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const TEST_ROOTS = ["app", "runner", "assessments", "scripts", "tests", "prisma"];
const SKIPPED_FOLDERS = new Set(["node_modules", "fixtures", "e2e", "reference", "reference-python", "starter", "mutants", "generated"]);

const SERVICE_MARKERS: RegExp[] = [
  /support\/(database|app-server|test-services)/,
  /\binject\(/,
  /TEST_(REDIS|DATABASE)_/,
  /from "(bullmq|ioredis|dockerode|pg)"/,
  /node:child_process|process\.execPath/,
  /ensureRuntimeImages|dockerClient|DockerSandboxDriver|gradeAndRelease|startGradingWorker/,
];

function testFiles(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) testFiles(path.join(dir, entry.name), out);
    } else if (entry.name.endsWith(".test.ts")) out.push(path.join(dir, entry.name));
  }
  return out;
}

export function needsServices(source: string): boolean {
  return SERVICE_MARKERS.some((marker) => marker.test(source));
}

/** Repository-relative paths of the test files that need services. */
export function integrationTestFiles(repoRoot: string): string[] {
  const files = TEST_ROOTS.flatMap((root) => testFiles(path.join(repoRoot, root), []));
  return files.filter((file) => needsServices(readFileSync(file, "utf8"))).map((file) => path.relative(repoRoot, file));
}
