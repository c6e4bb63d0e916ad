// Node 20: package.json with a start script; npm ci / install and npm run build when needed.
import { lstat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { RUNTIME_IMAGES } from "../../images/recipes";
import { readRegular, type BuildSpec, type Runtime } from "./runtime";

const packageJsonSchema = z.looseObject({
  main: z.string().optional(),
  scripts: z.record(z.string(), z.string()).optional(),
  dependencies: z.record(z.string(), z.string()).optional(),
  devDependencies: z.record(z.string(), z.string()).optional(),
});

const SIMPLE_TOKEN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * `node server.js --flag` runs directly with node, which saves npm's ~300 ms of start-up. Any
 * shell syntax (&&, env assignments, quotes, globs) keeps the script's meaning only under npm.
 */
export function startCommand(startScript: string): string[] {
  const tokens = startScript.trim().split(/\s+/);
  if (tokens[0] === "node" && tokens.length > 1 && tokens.every((token) => SIMPLE_TOKEN.test(token))) return tokens;
  return ["npm", "start", "--silent"];
}

export const NPM_CACHE_VOLUME = "hirekit-npm-cache";

function npmBuild(steps: string[]): BuildSpec {
  return {
    image: RUNTIME_IMAGES.node,
    steps,
    env: {
      HOME: "/tmp",
      LANG: "C.UTF-8",
      CI: "true",
      npm_config_cache: "/npm-cache",
      npm_config_update_notifier: "false",
      npm_config_fund: "false",
      npm_config_audit: "false",
    },
    cache: { volume: NPM_CACHE_VOLUME, mount: "/npm-cache" },
    caBundleEnv: "NODE_EXTRA_CA_CERTS",
  };
}

export const nodeRuntime: Runtime = {
  describe: "a package.json with a start script",
  async detect(root) {
    const packageText = await readRegular(path.join(root, "package.json"));
    if (packageText === null) return null;
    let raw: unknown;
    try {
      raw = JSON.parse(packageText);
    } catch (error) {
      return { ok: false, reason: `package.json is not valid JSON: ${(error as Error).message}` };
    }
    const parsed = packageJsonSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, reason: `package.json: ${issue.path.join(".") || "(root)"} ${issue.message}` };
    }
    const pkg = parsed.data;
    const start = pkg.scripts?.start;
    if (!start) return { ok: false, reason: 'package.json has no "start" script; add one, e.g. "start": "node server.js"' };
    const dependencyCount = Object.keys(pkg.dependencies ?? {}).length + Object.keys(pkg.devDependencies ?? {}).length;
    const vendored = (await lstat(path.join(root, "node_modules")).catch(() => null))?.isDirectory() ?? false;
    const hasLock = (await readRegular(path.join(root, "package-lock.json"))) !== null;
    const steps: string[] = [];
    if (dependencyCount > 0 && !vendored) steps.push(hasLock ? "npm ci --no-audit --no-fund" : "npm install --no-audit --no-fund");
    if (pkg.scripts?.build) steps.push("npm run build");
    const command = startCommand(start);
    if (steps.length === 0) return { ok: true, plan: { kind: "node", image: RUNTIME_IMAGES.node, command, build: null } };
    return { ok: true, plan: { kind: "node-built", image: RUNTIME_IMAGES.node, command, build: npmBuild(steps) } };
  },
};
