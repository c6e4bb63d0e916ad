// The locked-down container settings shared by service, build and prober containers, and the
// naming and error rules every part of the Docker driver uses.
import { randomBytes } from "node:crypto";
import { SANDBOX_UID } from "../images/recipes";
import type { SandboxLimits } from "./limits";

export const SANDBOX_USER = `${SANDBOX_UID}:${SANDBOX_UID}`;

/** A readable, unique container name: hirekit-<submission>-<role>-<random>. */
export function containerName(submissionId: string, role: string): string {
  const safe = submissionId
    .toLowerCase()
    .replace(/[^a-z0-9_.-]/g, "-")
    .slice(0, 40);
  return `hirekit-${safe}-${role}-${randomBytes(3).toString("hex")}`;
}

/** The engine answered "gone" or "already being removed": the resource needs nothing more. */
export function isNotFound(error: unknown): boolean {
  const status = (error as { statusCode?: number }).statusCode;
  return status === 404 || status === 409;
}

export function ignoreNotFound(error: unknown): Promise<void> {
  return isNotFound(error) ? Promise.resolve() : Promise.reject(error);
}

/** The locked-down HostConfig shared by service, build and prober containers. */
export function lockedDown(limits: { memoryMb: number; pids: number; cpus: number }, fsizeBytes: number, nofile: number, tmpfsMb: number) {
  const memory = limits.memoryMb * 1024 * 1024;
  return {
    ReadonlyRootfs: true,
    Tmpfs: { "/tmp": `rw,nosuid,nodev,size=${tmpfsMb}m,uid=${SANDBOX_UID},gid=${SANDBOX_UID},mode=1777` },
    ShmSize: 16 * 1024 * 1024,
    CapDrop: ["ALL"],
    SecurityOpt: ["no-new-privileges"],
    PidsLimit: limits.pids,
    Memory: memory,
    MemorySwap: memory,
    NanoCpus: Math.round(limits.cpus * 1e9),
    Init: true,
    Privileged: false,
    Ulimits: [
      { Name: "nofile", Soft: nofile, Hard: nofile },
      { Name: "fsize", Soft: fsizeBytes, Hard: fsizeBytes },
      { Name: "core", Soft: 0, Hard: 0 },
    ],
    // Without a cap a flooding container fills the host disk through the daemon's log file.
    LogConfig: { Type: "json-file", Config: { "max-size": "1m", "max-file": "1" } },
  };
}

export function serviceHostConfig(limits: SandboxLimits) {
  return lockedDown(limits, limits.fsizeMb * 1024 * 1024, limits.nofile, limits.tmpfsMb);
}
