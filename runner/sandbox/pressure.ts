// How much CPU a container was denied while it wanted it, read from the kernel: cgroup v2 PSI
// (cpu.pressure) and CFS throttling (cpu.stat). Works on cgroup v2 and on hybrid hosts (v1
// controllers plus the unified hierarchy at /sys/fs/cgroup/unified, where Docker's cgroupfs driver
// also creates the container's group). With a remote Docker engine nothing is readable: null.
import { readFile } from "node:fs/promises";

export interface CgroupPaths {
  /** The container's group in the unified (v2) hierarchy: cpu.pressure lives here. */
  unified: string | null;
  /** Where cpu.stat with throttling lives: the unified group on v2, the v1 cpu controller's on hybrid hosts. */
  cpuStat: string | null;
}

/** Finds a process's cgroup directories from /proc/<pid>/cgroup; null when nothing is readable. */
export async function cgroupPathsOf(pid: number, root = "/sys/fs/cgroup", proc = "/proc"): Promise<CgroupPaths | null> {
  const text = await readFile(`${proc}/${pid}/cgroup`, "utf8").catch(() => null);
  if (text === null) return null;
  let unifiedPath: string | null = null;
  let cpuPath: string | null = null;
  for (const line of text.split("\n")) {
    const [, controllers, groupPath] = /^\d+:([^:]*):(.*)$/.exec(line.trim()) ?? [];
    if (groupPath === undefined) continue;
    if (controllers === "") unifiedPath = groupPath;
    else if (controllers.split(",").includes("cpu")) cpuPath = `${controllers}${groupPath}`;
  }
  const readable = async (dir: string, file: string) => ((await readFile(`${dir}/${file}`, "utf8").catch(() => null)) === null ? null : dir);
  let unified: string | null = null;
  if (unifiedPath !== null) {
    unified = (await readable(`${root}/unified${unifiedPath}`, "cpu.pressure")) ?? (await readable(`${root}${unifiedPath}`, "cpu.pressure"));
  }
  let cpuStat: string | null = null;
  if (cpuPath !== null) cpuStat = await readable(`${root}/${cpuPath}`, "cpu.stat");
  else if (unified !== null) cpuStat = await readable(unified, "cpu.stat");
  if (unified === null && cpuStat === null) return null;
  return { unified, cpuStat };
}

export interface PsiLine {
  avg10: number;
  avg60: number;
  total: number;
}

/** Parses a PSI file ("some avg10=… total=…" and, for cgroups on recent kernels, "full …"). */
export function parsePsi(text: string): { some: PsiLine; full: PsiLine | null } | null {
  const lines: Record<string, PsiLine> = {};
  for (const line of text.split("\n")) {
    const match = /^(some|full) avg10=([\d.]+) avg60=([\d.]+) avg300=[\d.]+ total=(\d+)/.exec(line.trim());
    if (match) lines[match[1]] = { avg10: Number(match[2]), avg60: Number(match[3]), total: Number(match[4]) };
  }
  return lines.some ? { some: lines.some, full: lines.full ?? null } : null;
}

/** Throttled time in µs from cpu.stat: `throttled_usec` (v2) or `throttled_time` in ns (v1). */
export function parseThrottledUs(text: string): number | null {
  const fields = new Map(
    text
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter((parts) => parts.length === 2)
      .map(([key, value]) => [key, Number(value)] as const),
  );
  if (fields.has("throttled_usec")) return fields.get("throttled_usec")!;
  if (fields.has("throttled_time")) return Math.round(fields.get("throttled_time")! / 1000);
  return null;
}

export interface CpuSample {
  /** performance.now() when read. */
  atMs: number;
  someTotalUs: number;
  fullTotalUs: number | null;
  someAvg10: number;
  throttledUs: number | null;
}

export async function readCpuSample(paths: CgroupPaths): Promise<CpuSample | null> {
  if (paths.unified === null) return null;
  const psiText = await readFile(`${paths.unified}/cpu.pressure`, "utf8").catch(() => null);
  const psi = psiText === null ? null : parsePsi(psiText);
  if (psi === null) return null;
  const statText = paths.cpuStat === null ? null : await readFile(`${paths.cpuStat}/cpu.stat`, "utf8").catch(() => null);
  return {
    atMs: performance.now(),
    someTotalUs: psi.some.total,
    fullTotalUs: psi.full?.total ?? null,
    someAvg10: psi.some.avg10,
    throttledUs: statText === null ? null : parseThrottledUs(statText),
  };
}

/** What one container went through during a measured phase. */
export interface PressureReport {
  wallMs: number;
  /** Time at least one of its tasks waited for a CPU (PSI some). */
  someStallMs: number;
  /** Time all of its runnable tasks waited (PSI full): nothing of it ran although it wanted to. */
  fullStallMs: number | null;
  /** Time held back by its own CPU quota: the candidate's doing, not the host's. */
  throttledMs: number | null;
  /** Highest `some avg10` seen (percent). */
  maxSomeAvg10: number;
  /** Waiting that the host caused: full stall (or some stall where full is unknown) minus throttling. */
  starvedMs: number;
  starvedPercent: number;
}

export function pressureBetween(first: CpuSample, last: CpuSample, maxSomeAvg10: number): PressureReport {
  const wallMs = Math.max(1, last.atMs - first.atMs);
  const someStallMs = (last.someTotalUs - first.someTotalUs) / 1000;
  const fullStallMs = first.fullTotalUs === null || last.fullTotalUs === null ? null : (last.fullTotalUs - first.fullTotalUs) / 1000;
  const throttledMs = first.throttledUs === null || last.throttledUs === null ? null : (last.throttledUs - first.throttledUs) / 1000;
  const starvedMs = Math.max(0, (fullStallMs ?? someStallMs) - (throttledMs ?? 0));
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    wallMs: Math.round(wallMs),
    someStallMs: round(someStallMs),
    fullStallMs: fullStallMs === null ? null : round(fullStallMs),
    throttledMs: throttledMs === null ? null : round(throttledMs),
    maxSomeAvg10: Math.max(maxSomeAvg10, last.someAvg10),
    starvedMs: round(starvedMs),
    starvedPercent: round((starvedMs / wallMs) * 100),
  };
}

/**
 * Samples a container's pressure from start() to stop(). Samples are taken on a timer as well, so
 * a service that dies mid-phase (its cgroup goes with it) is still judged on what was read.
 */
export class PressureMonitor {
  private first: CpuSample | null = null;
  private last: CpuSample | null = null;
  private maxAvg10 = 0;
  private timer: NodeJS.Timeout | null = null;
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly paths: CgroupPaths,
    private readonly intervalMs = 1_000,
  ) {}

  private sample(): Promise<void> {
    this.reading = this.reading.then(async () => {
      const sample = await readCpuSample(this.paths);
      if (sample === null) {
        // The cgroup is gone (the container was removed, perhaps without stop()): nothing more to read.
        if (this.first !== null && this.timer) clearInterval(this.timer);
        return;
      }
      this.first ??= sample;
      this.last = sample;
      this.maxAvg10 = Math.max(this.maxAvg10, sample.someAvg10);
    });
    return this.reading;
  }

  async start(): Promise<void> {
    await this.sample();
    this.timer = setInterval(() => void this.sample(), this.intervalMs);
    this.timer.unref();
  }

  /** The report from the first to the last readable sample; null when none was readable. */
  async stop(): Promise<PressureReport | null> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sample();
    if (this.first === null || this.last === null || this.last === this.first) return null;
    return pressureBetween(this.first, this.last, this.maxAvg10);
  }
}

export interface ContentionThresholds {
  /** A container starved (by the host, not its own quota) for more than this share of the phase. */
  starvedPercent: number;
  /** …and for at least this long: a short phase with a 50 ms hiccup is not a starved run. */
  minStarvedMs: number;
}

/**
 * Calibrated on this project's 2-core host with bench/fairness/psi.ts (figures in
 * bench/fairness/README.md): with the worker's CPU slots the service was starved ≤ 2 % and the
 * prober ≤ 13 % (< 0.5 s) of a run, quiet or under a 4-process CPU hog; in Docker's default
 * placement the service was starved 65-80 % and the test phase took 4-7× as long.
 */
export const DEFAULT_CONTENTION_THRESHOLDS: ContentionThresholds = { starvedPercent: 25, minStarvedMs: 2_000 };

export interface ContentionReport {
  service: PressureReport | null;
  prober: PressureReport | null;
}

/**
 * Why a test phase cannot count as the candidate's result, or null when it can (including when
 * nothing was measurable: a remote engine is judged without the reading).
 */
export function starvationVerdict(report: ContentionReport, thresholds = DEFAULT_CONTENTION_THRESHOLDS): string | null {
  const starved = (["service", "prober"] as const).filter((role) => {
    const measured = report[role];
    return measured !== null && measured.starvedMs >= thresholds.minStarvedMs && measured.starvedPercent > thresholds.starvedPercent;
  });
  if (starved.length === 0) return null;
  return starved
    .map((role) => {
      const measured = report[role]!;
      return `the ${role} waited for a CPU ${Math.round(measured.starvedMs)} ms of ${measured.wallMs} ms (${measured.starvedPercent} %, limit ${thresholds.starvedPercent} %)`;
    })
    .join("; ");
}
