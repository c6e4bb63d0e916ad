import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

// The production build is redone only when something it is built from changed.
// runner/ too: the Remix build bundles the runner modules the web app imports (the bundle cache).
const INPUTS = ["app", "runner", "public", "vite.config.ts", "package-lock.json", "tsconfig.json"];
const STAMP = "build/.source-hash";

function walk(target: string, hash: ReturnType<typeof createHash>): void {
  if (!existsSync(target)) return;
  const stat = statSync(target);
  if (stat.isDirectory()) {
    for (const entry of readdirSync(target).sort()) {
      if (entry === "generated" || entry.endsWith(".test.ts")) continue;
      walk(path.join(target, entry), hash);
    }
    return;
  }
  hash.update(target);
  hash.update(readFileSync(target));
}

export function sourceHash(): string {
  const hash = createHash("sha256");
  for (const input of INPUTS) walk(input, hash);
  return hash.digest("hex");
}

export function buildIsCurrent(): boolean {
  return existsSync(STAMP) && existsSync("build/server/index.js") && readFileSync(STAMP, "utf8") === sourceHash();
}

export function markBuilt(): void {
  writeFileSync(STAMP, sourceHash());
}
