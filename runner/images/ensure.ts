import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type Docker from "dockerode";
import { dockerClient } from "../sandbox/docker-client";
import {
  buildNodeImage,
  buildPythonImage,
  ensureRootfsTarball,
  imageExists,
  imageLabel,
  importRootfs,
  runInImage,
} from "./build";
import { buildOncePerEngine, withProgress } from "./engine-lock";
import { dataPath } from "../settings";
import {
  hostNodeRuntime,
  nodeRecipeHash,
  pythonRecipeHash,
  RECIPE_LABEL,
  ROOTFS_RECIPE,
  rootfsHash,
  rootfsImageTag,
  RUNTIME_IMAGES,
  SANDBOX_UID,
} from "./recipes";


export interface EnsureReport {
  actions: string[];
}

/**
 * Makes sure the runtime images exist and match their recipes. Idempotent; when everything is
 * current it only inspects three images.
 */
export async function ensureRuntimeImages(
  options: { docker?: Docker; log?: (line: string) => void } = {},
): Promise<EnsureReport> {
  const docker = options.docker ?? dockerClient();
  const log = options.log ?? (() => undefined);
  const actions: string[] = [];
  const rootHash = rootfsHash();
  const baseTag = rootfsImageTag(rootHash);
  const node = hostNodeRuntime();
  const wanted = {
    python: pythonRecipeHash(rootHash),
    node: nodeRecipeHash(rootHash, node),
  };

  const upToDate = async () =>
    (await imageLabel(docker, RUNTIME_IMAGES.python, RECIPE_LABEL)) === wanted.python &&
    (await imageLabel(docker, RUNTIME_IMAGES.node, RECIPE_LABEL)) === wanted.node;

  const cacheDir = dataPath("images");
  await buildOncePerEngine({ docker, isCurrent: upToDate, build: async () => {
    await mkdir(cacheDir, { recursive: true });
    if (!(await imageExists(docker, baseTag))) {
      const tarball = await ensureRootfsTarball(cacheDir, ROOTFS_RECIPE, rootHash, log);
      await withProgress(`importing ${tarball} as ${baseTag}`, log, () => importRootfs(docker, tarball, baseTag));
      actions.push(`imported ${baseTag}`);
    }
    if ((await imageLabel(docker, RUNTIME_IMAGES.python, RECIPE_LABEL)) !== wanted.python) {
      await withProgress(`building ${RUNTIME_IMAGES.python}`, log, () =>
        buildPythonImage(docker, RUNTIME_IMAGES.python, baseTag, wanted.python),
      );
      const version = await runInImage(docker, RUNTIME_IMAGES.python, ["python3", "--version"]);
      actions.push(`built ${RUNTIME_IMAGES.python} (${version.trim()})`);
    }
    if ((await imageLabel(docker, RUNTIME_IMAGES.node, RECIPE_LABEL)) !== wanted.node) {
      await withProgress(`building ${RUNTIME_IMAGES.node} from ${node.nodeBinary} and npm ${node.npmVersion}`, log, () =>
        buildNodeImage(docker, RUNTIME_IMAGES.node, baseTag, wanted.node, node),
      );
      const versions = await runInImage(docker, RUNTIME_IMAGES.node, [
        "/bin/sh",
        "-c",
        `test "$(id -u)" = ${SANDBOX_UID} && node --version && npm --version`,
      ]);
      actions.push(`built ${RUNTIME_IMAGES.node} (node ${versions.trim().split(/\s+/).join(", npm ")})`);
    }
    const removed = await removeOutdatedImages(docker, baseTag);
    if (removed > 0) actions.push(`removed ${removed} outdated image${removed > 1 ? "s" : ""}`);
  } });
  return { actions };
}

/**
 * After a rebuild, the previous runtime images are left untagged and older rootfs imports keep
 * their tags; both are removed. An image still used by a container is kept (the daemon refuses).
 */
async function removeOutdatedImages(docker: Docker, currentBase: string): Promise<number> {
  let removed = 0;
  const remove = async (name: string) => {
    try {
      await docker.getImage(name).remove();
      removed += 1;
    } catch {
      // In use, or already gone: either way nothing to do here.
    }
  };
  const rootfs = await docker.listImages({ filters: JSON.stringify({ reference: ["hirekit/rootfs"] }) });
  for (const tag of rootfs.flatMap((image) => image.RepoTags ?? [])) {
    if (tag !== currentBase) await remove(tag);
  }
  const dangling = await docker.listImages({ filters: JSON.stringify({ dangling: ["true"], label: [RECIPE_LABEL] }) });
  for (const image of dangling) await remove(image.Id);
  return removed;
}

async function main() {
  const started = Date.now();
  const report = await ensureRuntimeImages({ log: (line) => console.log(`[images] ${line}`) });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (report.actions.length === 0) console.log(`[images] runtime images up to date (${seconds} s)`);
  else for (const action of report.actions) console.log(`[images] ${action}`);
  if (report.actions.length > 0) console.log(`[images] done in ${seconds} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`[images] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
