// Which cores each grading slot may use. A score must not depend on what else the host is doing,
// so every concurrent grading gets service cores no other grading (nor a build) is scheduled on.
// Pure: the host's core list comes in, a layout comes out.

export interface CpuSlot {
  index: number;
  /** cpuset for the candidate's service container (Docker HostConfig.CpusetCpus). */
  serviceCpus: string;
  /** cpuset for the prober; shared with builds and the worker when the host has no spare core. */
  proberCpus: string;
}

export interface CpuLayout {
  /** The concurrency the worker runs with: the requested one, lowered to what the cores allow. */
  concurrency: number;
  slots: CpuSlot[];
  /** Build containers, Dockerfile builds (and the worker itself) stay on these cores. */
  buildCpus: string;
  /** False when the host has too few cores to give services a core of their own. */
  isolated: boolean;
  /** What the worker must say at start (lowered concurrency, no isolation). */
  warnings: string[];
}

export interface CpuLayoutInput {
  /** The cores this process may use (e.g. parsed from cpuset.cpus), any order. */
  cores: number[];
  requestedConcurrency: number;
  /** Whole cores one service gets: ceil of the largest assessment `cpus` limit. */
  coresPerService: number;
}

/** "0-2,5" → [0, 1, 2, 5]. */
export function parseCpuList(text: string): number[] {
  const cores = new Set<number>();
  for (const part of text.trim().split(",").filter(Boolean)) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!match) throw new Error(`not a cpu list: "${text.trim()}"`);
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (last < first) throw new Error(`not a cpu list: "${text.trim()}"`);
    for (let core = first; core <= last; core += 1) cores.add(core);
  }
  return [...cores].sort((a, b) => a - b);
}

/** [0, 1, 2, 5] → "0-2,5" (the form Docker and the kernel accept). */
export function formatCpuList(cores: number[]): string {
  const sorted = [...new Set(cores)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j += 1;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

/**
 * One core (the lowest, which also takes most interrupts) is always left to the worker, builds and
 * the system; services take whole cores from the top. Probers get a core each when enough remain
 * to keep one for builds, else they share the remaining cores with builds (where their higher CPU
 * weight lets them go first).
 */
export function planCpuLayout(input: CpuLayoutInput): CpuLayout {
  const cores = [...new Set(input.cores)].sort((a, b) => a - b);
  if (cores.length === 0) throw new Error("no cores to plan with");
  if (!Number.isInteger(input.requestedConcurrency) || input.requestedConcurrency < 1) {
    throw new Error(`concurrency must be a whole number of at least 1, got ${input.requestedConcurrency}`);
  }
  const perService = Math.max(1, Math.ceil(input.coresPerService));
  const warnings: string[] = [];
  const maxSlots = Math.floor((cores.length - 1) / perService);

  if (maxSlots < 1) {
    const all = formatCpuList(cores);
    warnings.push(
      `this host has ${cores.length} core${cores.length === 1 ? "" : "s"}: a service needs ${perService} of its own plus one for the worker, prober and builds, ` +
        `so gradings run without CPU isolation (concurrency 1); contended runs are detected and regraded`,
    );
    if (input.requestedConcurrency > 1) warnings.push(`concurrency lowered from ${input.requestedConcurrency} to 1`);
    return { concurrency: 1, slots: [{ index: 0, serviceCpus: all, proberCpus: all }], buildCpus: all, isolated: false, warnings };
  }

  const concurrency = Math.min(input.requestedConcurrency, maxSlots);
  if (concurrency < input.requestedConcurrency) {
    warnings.push(
      `concurrency lowered from ${input.requestedConcurrency} to ${concurrency}: this host has ${cores.length} cores, ` +
        `each grading needs ${perService} for its service and one stays with the worker, probers and builds`,
    );
  }
  const descending = [...cores].reverse();
  const serviceCores = Array.from({ length: concurrency }, (_, slot) => descending.slice(slot * perService, (slot + 1) * perService));
  const rest = descending.slice(concurrency * perService);
  const proberOwnCore = rest.length >= concurrency + 1;
  const shared = proberOwnCore ? rest.slice(concurrency) : rest;
  const buildCpus = formatCpuList(shared);
  const slots = serviceCores.map((own, index) => ({
    index,
    serviceCpus: formatCpuList(own),
    proberCpus: proberOwnCore ? formatCpuList([rest[index]]) : buildCpus,
  }));
  return { concurrency, slots, buildCpus, isolated: true, warnings };
}

/**
 * Hands out the layout's slots to concurrent gradings: a grading holds one slot from start to
 * cleanup, so two gradings never share service cores.
 */
export class CpuSlotPool {
  private readonly free: CpuSlot[];
  private readonly waiting: ((slot: CpuSlot) => void)[] = [];

  constructor(readonly layout: CpuLayout) {
    this.free = [...layout.slots];
  }

  /** Resolves with a free slot; waits when all are taken (the queue's concurrency makes that rare). */
  acquire(): Promise<CpuSlot> {
    const slot = this.free.shift();
    if (slot) return Promise.resolve(slot);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(slot: CpuSlot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.free.push(slot);
  }

  get available(): number {
    return this.free.length;
  }
}
