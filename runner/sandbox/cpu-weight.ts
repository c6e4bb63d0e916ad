// Service and prober containers run under a cgroup parent of their own with a high CPU weight.
// A cpuset keeps two gradings apart, but host processes (other workers, a busy build, anything)
// may run on every core; with the default weight they take as much of a service's core as the
// service itself. Measured on the 2-core host (bench/fairness/README.md): a CPU-bound service
// pinned to core 1 was starved 76-85 % of the time under load in Docker's default parent and ~1 %
// under this one, hashing 4× as many passwords in the same time.
import { access, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export const GRADING_CGROUP = "hirekit-grading";
/** cgroup v1 cpu.shares (a nice-0 process is 1024; the kernel's maximum is 262144). */
const V1_SHARES = 65_536;
/** cgroup v2 cpu.weight (a default group is 100; the maximum is 10000). */
const V2_WEIGHT = 10_000;

export type CgroupWeightOutcome = { parent: string; detail: string } | { parent: null; detail: string };

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Creates (or refreshes) the grading cgroup parent with its weight and returns the value for
 * HostConfig.CgroupParent, or null with the reason when it cannot (remote engine, the systemd
 * cgroup driver, no permission): gradings then run in Docker's default parent and contention is
 * still measured.
 */
export async function ensureGradingCgroup(options: {
  local: boolean;
  cgroupDriver: string | undefined;
  root?: string;
  name?: string;
}): Promise<CgroupWeightOutcome> {
  const root = options.root ?? "/sys/fs/cgroup";
  const name = options.name ?? GRADING_CGROUP;
  if (!options.local) return { parent: null, detail: "the Docker engine is remote: its cgroups are not reachable from here" };
  if (options.cgroupDriver !== "cgroupfs") {
    return { parent: null, detail: `the Docker engine uses the ${options.cgroupDriver ?? "unknown"} cgroup driver; only cgroupfs parents are set up` };
  }
  try {
    if (await exists(path.join(root, "cgroup.controllers"))) {
      const controllers = await readFile(path.join(root, "cgroup.subtree_control"), "utf8");
      if (!controllers.split(/\s+/).includes("cpu")) await writeFile(path.join(root, "cgroup.subtree_control"), "+cpu");
      await mkdir(path.join(root, name), { recursive: true });
      await writeFile(path.join(root, name, "cpu.weight"), String(V2_WEIGHT));
      return { parent: `/${name}`, detail: `cgroup v2 parent /${name} with cpu.weight ${V2_WEIGHT}` };
    }
    if (await exists(path.join(root, "cpu", "cpu.shares"))) {
      await mkdir(path.join(root, "cpu", name), { recursive: true });
      await writeFile(path.join(root, "cpu", name, "cpu.shares"), String(V1_SHARES));
      return { parent: `/${name}`, detail: `cgroup v1 parent /${name} with cpu.shares ${V1_SHARES}` };
    }
    return { parent: null, detail: `no cgroup cpu controller found under ${root}` };
  } catch (error) {
    return { parent: null, detail: `could not set up the grading cgroup: ${(error as Error).message}` };
  }
}
