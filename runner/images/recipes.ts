import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { realpathSync, statSync } from "node:fs";
import path from "node:path";

/** The unprivileged user every candidate and prober process runs as. */
export const SANDBOX_UID = 10001;

export const RUNTIME_IMAGES = {
  node: "hirekit/runtime-node:20",
  python: "hirekit/runtime-python:3",
} as const;

export type RuntimeName = keyof typeof RUNTIME_IMAGES;

export const ALLOWED_BASE_IMAGES: readonly string[] = Object.values(RUNTIME_IMAGES);

export const RECIPE_LABEL = "hirekit.recipe";

export interface RootfsRecipe {
  suite: string;
  variant: string;
  include: string[];
  mirror: string;
  /** Lines appended to /etc/passwd, /etc/group and /etc/shadow of the rootfs. */
  passwd: string;
  group: string;
  shadow: string;
}

export const ROOTFS_RECIPE: RootfsRecipe = {
  suite: "bookworm",
  variant: "minbase",
  include: ["ca-certificates", "python3"],
  mirror: "http://deb.debian.org/debian",
  passwd: `sandbox:x:${SANDBOX_UID}:${SANDBOX_UID}:sandbox:/tmp:/usr/sbin/nologin`,
  group: `sandbox:x:${SANDBOX_UID}:`,
  shadow: "sandbox:!:19000::::::",
};

export interface NodeRuntimeSource {
  nodeBinary: string;
  npmDir: string;
  nodeVersion: string;
  npmVersion: string;
  /** Size and mtime stand in for the binary's content: hashing 100 MB on every start is too slow. */
  nodeStamp: string;
}

function sha256(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

export function rootfsHash(recipe: RootfsRecipe = ROOTFS_RECIPE): string {
  return sha256({ kind: "rootfs", recipe });
}

export function rootfsImageTag(hash: string): string {
  return `hirekit/rootfs:${hash.slice(0, 12)}`;
}

/** The host's Node installation, copied into the node runtime image. */
export function hostNodeRuntime(): NodeRuntimeSource {
  const nodeBinary = realpathSync(process.execPath);
  const npmDir = path.resolve(path.dirname(nodeBinary), "../lib/node_modules/npm");
  const npmPackage = path.join(npmDir, "package.json");
  statSync(npmPackage);
  const npmVersion = execFileSync(nodeBinary, ["-p", `require(${JSON.stringify(npmPackage)}).version`], {
    encoding: "utf8",
  }).trim();
  const stat = statSync(nodeBinary);
  return {
    nodeBinary,
    npmDir,
    nodeVersion: process.version,
    npmVersion,
    nodeStamp: `${stat.size}:${stat.mtimeMs}`,
  };
}

export const PYTHON_DOCKERFILE_BODY = [
  "ENV HOME=/tmp LANG=C.UTF-8 PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1",
  "WORKDIR /app",
  `USER ${SANDBOX_UID}`,
];

export const NODE_DOCKERFILE_BODY = [
  "COPY rootfs/ /",
  "ENV HOME=/tmp LANG=C.UTF-8 NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false",
  "WORKDIR /app",
  `USER ${SANDBOX_UID}`,
];

export function pythonRecipeHash(rootHash: string): string {
  return sha256({ kind: "python", rootHash, body: PYTHON_DOCKERFILE_BODY });
}

export function nodeRecipeHash(rootHash: string, node: NodeRuntimeSource): string {
  return sha256({
    kind: "node",
    rootHash,
    body: NODE_DOCKERFILE_BODY,
    node: { version: node.nodeVersion, npm: node.npmVersion, stamp: node.nodeStamp },
  });
}
