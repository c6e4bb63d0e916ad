import { readlinkSync } from "node:fs";
import { hostname } from "node:os";
import type Docker from "dockerode";

export const SUBMISSION_LABEL = "hirekit.submission";
const OWNER_LABEL = "hirekit.owner";
const EXPIRES_LABEL = "hirekit.expires";
/** One Dockerfile build: its step images carry it too, so an interrupted build is found whole. */
export const BUILD_LABEL = "hirekit.build";

/**
 * Labels for everything a grading creates. The owner (host and pid) and expiry let a sweeper tell
 * leftovers of a dead worker from the live work of another worker sharing the same Docker Engine.
 */
export function resourceLabels(submissionId: string, expiresAt: number): Record<string, string> {
  return {
    [SUBMISSION_LABEL]: submissionId,
    [OWNER_LABEL]: `${hostname()}/${process.pid}/${pidNamespace()}`,
    [EXPIRES_LABEL]: String(expiresAt),
  };
}

/**
 * A worker in a container with host networking reports the host's name but sees other pids, so a
 * pid only identifies an owner within one pid namespace: the label carries that namespace too.
 */
function pidNamespace(): string {
  try {
    return readlinkSync("/proc/self/ns/pid").replace(/\D/g, "");
  } catch {
    return "unknown";
  }
}

export interface CleanupReport {
  containers: number;
  images: number;
  volumes: number;
  networks: number;
}

/** Whether a resource's owner (a worker process on this host) is gone or its expiry has passed. */
export function ownerIsGone(labels: Record<string, string> | undefined, now: number): boolean {
  if (!labels) return false;
  const expires = Number(labels[EXPIRES_LABEL]);
  if (Number.isFinite(expires) && expires < now) return true;
  const [host, pidText, namespace] = (labels[OWNER_LABEL] ?? "").split("/");
  if (host !== hostname()) return false;
  if (namespace !== undefined && namespace !== pidNamespace()) return false;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function ignoreMissing(error: unknown): void {
  const status = (error as { statusCode?: number }).statusCode;
  if (status !== 404 && status !== 409) throw error;
}

/**
 * Images, the untagged step images of a Dockerfile build included (`all`). A parent refuses to go
 * (409) while a child exists; step images committed within one second share a Created time, so
 * the refused ones are tried again after the others, until a pass removes nothing.
 */
async function removeImages(docker: Docker, filters: string, select: (labels: Record<string, string> | undefined) => boolean): Promise<number> {
  let pending = (await docker.listImages({ all: true, filters }))
    .filter((image) => select(image.Labels ?? undefined))
    .sort((a, b) => b.Created - a.Created);
  let removed = 0;
  while (pending.length > 0) {
    const refused: typeof pending = [];
    for (const info of pending) {
      try {
        await docker.getImage(info.Id).remove({ force: true });
        removed += 1;
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if (status === 409) refused.push(info);
        else if (status !== 404) throw error;
      }
    }
    if (refused.length === pending.length) break;
    pending = refused;
  }
  return removed;
}

/**
 * Removes every container, image, volume and network whose labels match `select`. Containers go
 * first: an image or volume in use cannot be removed.
 */
async function removeLabelled(
  docker: Docker,
  labelFilter: string,
  select: (labels: Record<string, string> | undefined) => boolean,
): Promise<CleanupReport> {
  const report: CleanupReport = { containers: 0, images: 0, volumes: 0, networks: 0 };
  const filters = JSON.stringify({ label: [labelFilter] });
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(
    containers
      .filter((info) => select(info.Labels))
      .map(async (info) => {
        await docker.getContainer(info.Id).remove({ force: true, v: true }).catch(ignoreMissing);
        report.containers += 1;
      }),
  );
  report.images = await removeImages(docker, filters, select);
  const { Volumes: volumes } = await docker.listVolumes({ filters });
  for (const volume of (volumes ?? []).filter((v) => select(v.Labels ?? undefined))) {
    await docker.getVolume(volume.Name).remove().catch(ignoreMissing);
    report.volumes += 1;
  }
  const networks = await docker.listNetworks({ filters });
  for (const network of networks.filter((n) => select(n.Labels))) {
    await docker.getNetwork(network.Id).remove().catch(ignoreMissing);
    report.networks += 1;
  }
  return report;
}

/** Everything one submission's grading created, whatever state it is in. */
export function removeSubmissionResources(docker: Docker, submissionId: string): Promise<CleanupReport> {
  return removeLabelled(docker, `${SUBMISSION_LABEL}=${submissionId}`, () => true);
}

/** Leftovers of dead or overdue workers; live work of other workers on this engine is kept. */
export function sweepLeftovers(docker: Docker, now = Date.now()): Promise<CleanupReport> {
  return removeLabelled(docker, SUBMISSION_LABEL, (labels) => ownerIsGone(labels, now));
}

/** Names of running or stopped containers that still carry a submission label (for tests and health). */
export async function listSubmissionContainers(docker: Docker, submissionId?: string): Promise<string[]> {
  const label = submissionId ? `${SUBMISSION_LABEL}=${submissionId}` : SUBMISSION_LABEL;
  const containers = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [label] }) });
  return containers.map((info) => info.Names[0] ?? info.Id);
}
