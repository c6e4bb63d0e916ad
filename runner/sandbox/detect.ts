import { lstat, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { ALLOWED_BASE_IMAGES } from "../images/recipes";

export type SolutionPlan =
  | {
      kind: "node";
      /** Dependencies must be installed in a build container first. */
      install: "ci" | "install" | null;
      /** package.json has a build script, run after installing. */
      build: boolean;
      command: string[];
    }
  | { kind: "python"; command: string[] }
  | { kind: "dockerfile" };

export type DetectResult = { ok: true; plan: SolutionPlan } | { ok: false; reason: string };

const packageJsonSchema = z.looseObject({
  main: z.string().optional(),
  scripts: z.record(z.string(), z.string()).optional(),
  dependencies: z.record(z.string(), z.string()).optional(),
  devDependencies: z.record(z.string(), z.string()).optional(),
});

/** Reads a regular file of the solution; links and folders do not count as the file. */
async function readRegular(file: string): Promise<string | null> {
  const info = await lstat(file).catch(() => null);
  if (!info?.isFile()) return null;
  return readFile(file, "utf8");
}

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

export interface DockerfileCheck {
  ok: boolean;
  reason?: string;
  bases: string[];
}

/** Every FROM (and COPY --from) must name an allowed local runtime image or an earlier stage. */
export function checkDockerfile(text: string): DockerfileCheck {
  const lines = text
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  const stages = new Set<string>();
  const bases: string[] = [];
  const allowed = ALLOWED_BASE_IMAGES.join(", ");
  for (const line of lines) {
    const [instruction, ...rest] = line.split(/\s+/);
    const keyword = instruction.toUpperCase();
    if (keyword === "FROM") {
      const args = rest.filter((arg) => !arg.startsWith("--"));
      const image = args[0];
      if (!image) return { ok: false, reason: "Dockerfile has a FROM without an image", bases };
      if (image.includes("$")) {
        return { ok: false, reason: `Dockerfile FROM ${image} uses a variable; name one of ${allowed}`, bases };
      }
      if (!stages.has(image.toLowerCase()) && !ALLOWED_BASE_IMAGES.includes(image)) {
        return { ok: false, reason: `Dockerfile base image ${image} is not allowed; use one of ${allowed}`, bases };
      }
      bases.push(image);
      if (args[1]?.toUpperCase() === "AS" && args[2]) stages.add(args[2].toLowerCase());
    } else if (keyword === "COPY" || keyword === "ADD") {
      const from = rest.find((arg) => arg.startsWith("--from="))?.slice("--from=".length);
      if (from !== undefined && !stages.has(from.toLowerCase()) && !ALLOWED_BASE_IMAGES.includes(from)) {
        return {
          ok: false,
          reason: `Dockerfile ${keyword} --from=${from} names an image that is not allowed; use a stage or one of ${allowed}`,
          bases,
        };
      }
    }
  }
  if (bases.length === 0) return { ok: false, reason: "Dockerfile has no FROM instruction", bases };
  return { ok: true, bases };
}

export async function detectSolution(root: string): Promise<DetectResult> {
  const dockerfile = await readRegular(path.join(root, "Dockerfile"));
  if (dockerfile !== null) {
    const check = checkDockerfile(dockerfile);
    return check.ok ? { ok: true, plan: { kind: "dockerfile" } } : { ok: false, reason: check.reason ?? "invalid Dockerfile" };
  }

  const packageText = await readRegular(path.join(root, "package.json"));
  if (packageText !== null) {
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
    const needsInstall = dependencyCount > 0 && !vendored;
    const hasLock = (await readRegular(path.join(root, "package-lock.json"))) !== null;
    return {
      ok: true,
      plan: {
        kind: "node",
        install: needsInstall ? (hasLock ? "ci" : "install") : null,
        build: Boolean(pkg.scripts?.build),
        command: startCommand(start),
      },
    };
  }

  for (const entry of ["main.py", "app.py"]) {
    if ((await readRegular(path.join(root, entry))) !== null) {
      return { ok: true, plan: { kind: "python", command: ["python3", entry] } };
    }
  }
  return {
    ok: false,
    reason:
      "no runnable project found: expected a package.json with a start script, a Dockerfile, or main.py / app.py at the top level",
  };
}
