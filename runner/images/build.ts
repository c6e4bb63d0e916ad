import { spawn } from "node:child_process";
import { createReadStream } from "node:fs";
import { appendFile, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type Docker from "dockerode";
import { readJsonStream } from "../sandbox/docker-stream";
import { withProgress } from "./engine-lock";
import { collectTree, packContext, type ContextFile } from "../sandbox/tar-context";
import { NODE_DOCKERFILE_BODY, PYTHON_DOCKERFILE_BODY, RECIPE_LABEL, type NodeRuntimeSource, type RootfsRecipe } from "./recipes";

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code}: ${stderr.trim()}`));
    });
  });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Produces `<cacheDir>/rootfs-<hash>.tar` with debootstrap unless it is already cached.
 * Older tarballs of other recipes are removed.
 */
export async function ensureRootfsTarball(
  cacheDir: string,
  recipe: RootfsRecipe,
  hash: string,
  log: (line: string) => void,
): Promise<string> {
  const tarball = path.join(cacheDir, `rootfs-${hash.slice(0, 12)}.tar`);
  await mkdir(cacheDir, { recursive: true });
  for (const entry of await readdir(cacheDir)) {
    if (/^rootfs-.*\.tar$/.test(entry) && path.join(cacheDir, entry) !== tarball) {
      await rm(path.join(cacheDir, entry), { force: true });
    }
  }
  if (await exists(tarball)) return tarball;

  const workDir = path.join(cacheDir, `work-${hash.slice(0, 12)}`);
  const rootDir = path.join(workDir, "rootfs");
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  try {
    await withProgress(`debootstrap ${recipe.variant} ${recipe.suite} (a few minutes on a fresh machine)`, log, () =>
      run("debootstrap", [
        `--variant=${recipe.variant}`,
        `--include=${recipe.include.join(",")}`,
        recipe.suite,
        rootDir,
        recipe.mirror,
      ]),
    );
    await appendFile(path.join(rootDir, "etc/passwd"), `${recipe.passwd}\n`);
    await appendFile(path.join(rootDir, "etc/group"), `${recipe.group}\n`);
    await appendFile(path.join(rootDir, "etc/shadow"), `${recipe.shadow}\n`);
    for (const dir of ["var/cache/apt/archives", "var/lib/apt/lists"]) {
      const full = path.join(rootDir, dir);
      for (const entry of await readdir(full)) {
        if (entry !== "partial" && entry !== "lock") await rm(path.join(full, entry), { recursive: true, force: true });
      }
    }
    const partial = `${tarball}.partial`;
    await withProgress(`packing ${tarball}`, log, () => run("tar", ["--numeric-owner", "-C", rootDir, "-cf", partial, "."]));
    await rename(partial, tarball);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  return tarball;
}

export async function imageLabel(docker: Docker, tag: string, label: string): Promise<string | undefined | null> {
  try {
    const info = await docker.getImage(tag).inspect();
    return info.Config?.Labels?.[label] ?? null;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}

export async function imageExists(docker: Docker, tag: string): Promise<boolean> {
  return (await imageLabel(docker, tag, RECIPE_LABEL)) !== undefined;
}

export async function importRootfs(docker: Docker, tarball: string, tag: string): Promise<void> {
  const [repo, version] = tag.split(":");
  const stream = (await docker.importImage(createReadStream(tarball), {
    repo,
    tag: version,
  })) as NodeJS.ReadableStream;
  const result = await readJsonStream(stream as never, 64 * 1024);
  if (result.error) throw new Error(`docker import of ${tarball} failed: ${result.error}`);
}

export async function buildImage(
  docker: Docker,
  options: { tag: string; dockerfile: string; files: ContextFile[]; labels: Record<string, string> },
): Promise<void> {
  const context = packContext([{ name: "Dockerfile", content: options.dockerfile }, ...options.files]);
  const stream = (await docker.buildImage(context as never, {
    t: options.tag,
    labels: options.labels,
    rm: true,
    forcerm: true,
    networkmode: "none",
  })) as NodeJS.ReadableStream;
  const result = await readJsonStream(stream as never, 256 * 1024);
  if (result.error) throw new Error(`building ${options.tag} failed: ${result.error}\n${result.log}`);
}

export async function buildPythonImage(docker: Docker, tag: string, baseTag: string, recipeHash: string): Promise<void> {
  await buildImage(docker, {
    tag,
    dockerfile: [`FROM ${baseTag}`, ...PYTHON_DOCKERFILE_BODY, ""].join("\n"),
    files: [],
    labels: { [RECIPE_LABEL]: recipeHash, "hirekit.runtime": "python" },
  });
}

export async function buildNodeImage(
  docker: Docker,
  tag: string,
  baseTag: string,
  recipeHash: string,
  node: NodeRuntimeSource,
): Promise<void> {
  const files: ContextFile[] = [
    { name: "rootfs/usr/local/bin/node", sourcePath: node.nodeBinary, mode: 0o755 },
    { name: "rootfs/usr/local/bin/npm", linkTarget: "../lib/node_modules/npm/bin/npm-cli.js" },
    { name: "rootfs/usr/local/bin/npx", linkTarget: "../lib/node_modules/npm/bin/npx-cli.js" },
    ...(await collectTree(node.npmDir, "rootfs/usr/local/lib/node_modules/npm")),
  ];
  await buildImage(docker, {
    tag,
    dockerfile: [`FROM ${baseTag}`, ...NODE_DOCKERFILE_BODY, ""].join("\n"),
    files,
    labels: { [RECIPE_LABEL]: recipeHash, "hirekit.runtime": "node" },
  });
}

/** Runs a command in a throwaway container of `image` and returns its output; used as a smoke test. */
export async function runInImage(docker: Docker, image: string, cmd: string[]): Promise<string> {
  const container = await docker.createContainer({
    Image: image,
    Cmd: cmd,
    HostConfig: { NetworkMode: "none", AutoRemove: false },
  });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const logs = (await container.logs({ stdout: true, stderr: true, follow: false })) as Buffer;
    const text = demuxToText(logs);
    if (StatusCode !== 0) throw new Error(`${cmd.join(" ")} in ${image} exited with ${StatusCode}: ${text}`);
    return text;
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** Docker's multiplexed log format: 8-byte headers (stream, 0, 0, 0, size32be) before each frame. */
export function demuxToText(buffer: Buffer): string {
  let offset = 0;
  let text = "";
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    text += buffer.subarray(offset + 8, offset + 8 + size).toString();
    offset += 8 + size;
  }
  return text;
}
