import { describe, expect, it } from "vitest";
import { CpuSlotPool, formatCpuList, parseCpuList, planCpuLayout } from "./cpu-slots";

function cores(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

describe("cpu lists", () => {
  it("parse and format the kernel's notation", () => {
    expect(parseCpuList("0-2,5\n")).toEqual([0, 1, 2, 5]);
    expect(parseCpuList("3")).toEqual([3]);
    expect(formatCpuList([5, 0, 2, 1])).toBe("0-2,5");
    expect(formatCpuList([7])).toBe("7");
    expect(() => parseCpuList("a-b")).toThrow(/not a cpu list/);
    expect(() => parseCpuList("4-2")).toThrow(/not a cpu list/);
  });
});

describe("planCpuLayout", () => {
  it("on 2 cores with concurrency 1 gives the service core 1 and keeps core 0 for prober, builds and worker", () => {
    const layout = planCpuLayout({ cores: cores(2), requestedConcurrency: 1, coresPerService: 1 });
    expect(layout).toEqual({
      concurrency: 1,
      slots: [{ index: 0, serviceCpus: "1", proberCpus: "0" }],
      buildCpus: "0",
      isolated: true,
      warnings: [],
    });
  });

  it("lowers the concurrency a 2-core host cannot isolate and says why", () => {
    const layout = planCpuLayout({ cores: cores(2), requestedConcurrency: 3, coresPerService: 1 });
    expect(layout.concurrency).toBe(1);
    expect(layout.slots).toHaveLength(1);
    expect(layout.warnings).toEqual([expect.stringMatching(/concurrency lowered from 3 to 1: this host has 2 cores/)]);
  });

  it("runs one grading without isolation on a single core, with a warning", () => {
    const layout = planCpuLayout({ cores: [0], requestedConcurrency: 2, coresPerService: 1 });
    expect(layout.isolated).toBe(false);
    expect(layout.concurrency).toBe(1);
    expect(layout.slots[0]).toEqual({ index: 0, serviceCpus: "0", proberCpus: "0" });
    expect(layout.warnings.join(" ")).toMatch(/without CPU isolation/);
    expect(layout.warnings.join(" ")).toMatch(/lowered from 2 to 1/);
  });

  it("gives probers a core each when enough remain, and never shares a service core", () => {
    const layout = planCpuLayout({ cores: cores(8), requestedConcurrency: 2, coresPerService: 1 });
    expect(layout.slots).toEqual([
      { index: 0, serviceCpus: "7", proberCpus: "5" },
      { index: 1, serviceCpus: "6", proberCpus: "4" },
    ]);
    expect(layout.buildCpus).toBe("0-3");
  });

  it("lets probers share the build cores when no core is spare", () => {
    const layout = planCpuLayout({ cores: cores(4), requestedConcurrency: 2, coresPerService: 1 });
    expect(layout.slots.map((slot) => slot.serviceCpus)).toEqual(["3", "2"]);
    expect(layout.slots.every((slot) => slot.proberCpus === "0-1")).toBe(true);
    expect(layout.buildCpus).toBe("0-1");
  });

  it("reserves whole cores for multi-core services and keeps every set disjoint", () => {
    for (let n = 2; n <= 16; n += 1) {
      for (const perService of [0.5, 1, 2, 3]) {
        const layout = planCpuLayout({ cores: cores(n), requestedConcurrency: 6, coresPerService: perService });
        const used = layout.slots.flatMap((slot) => parseCpuList(slot.serviceCpus));
        if (!layout.isolated) continue;
        expect(new Set(used).size).toBe(used.length);
        for (const slot of layout.slots) expect(parseCpuList(slot.serviceCpus)).toHaveLength(Math.ceil(perService));
        const build = parseCpuList(layout.buildCpus);
        expect(build.length).toBeGreaterThanOrEqual(1);
        expect(build.some((core) => used.includes(core))).toBe(false);
        for (const slot of layout.slots) expect(parseCpuList(slot.proberCpus).some((core) => used.includes(core))).toBe(false);
      }
    }
  });

  it("works on a host whose cores are not numbered from 0", () => {
    const layout = planCpuLayout({ cores: [4, 5, 6], requestedConcurrency: 2, coresPerService: 1 });
    expect(layout.slots.map((slot) => slot.serviceCpus)).toEqual(["6", "5"]);
    expect(layout.buildCpus).toBe("4");
  });

  it("refuses a concurrency below 1", () => {
    expect(() => planCpuLayout({ cores: cores(2), requestedConcurrency: 0, coresPerService: 1 })).toThrow(/at least 1/);
  });
});

describe("CpuSlotPool", () => {
  it("never hands the same slot to two gradings at once", async () => {
    const pool = new CpuSlotPool(planCpuLayout({ cores: cores(4), requestedConcurrency: 2, coresPerService: 1 }));
    const a = await pool.acquire();
    const b = await pool.acquire();
    expect(a.serviceCpus).not.toBe(b.serviceCpus);
    let third: string | null = null;
    const waiting = pool.acquire().then((slot) => {
      third = slot.serviceCpus;
    });
    await Promise.resolve();
    expect(third).toBeNull();
    pool.release(a);
    await waiting;
    expect(third).toBe(a.serviceCpus);
    pool.release(b);
    expect(pool.available).toBe(1);
  });
});
