import type Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureRuntimeImages } from "../images/ensure";
import { RUNTIME_IMAGES } from "../images/recipes";
import { dockerClient } from "./docker-client";
import {
  cgroupPathsOf,
  parsePsi,
  parseThrottledUs,
  PressureMonitor,
  pressureBetween,
  starvationVerdict,
  type CpuSample,
  type PressureReport,
} from "./pressure";

const docker = dockerClient();
const started: Docker.Container[] = [];

beforeAll(async () => {
  await ensureRuntimeImages();
});

afterAll(async () => {
  await Promise.all(started.map((container) => container.remove({ force: true }).catch(() => undefined)));
});

async function busyContainer(script: string, hostConfig: Docker.HostConfig): Promise<number> {
  const container = await docker.createContainer({
    Image: RUNTIME_IMAGES.node,
    Cmd: ["node", "-e", script],
    HostConfig: { NetworkMode: "none", ...hostConfig },
  });
  started.push(container);
  await container.start();
  return (await container.inspect()).State.Pid;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("reading a real container's CPU pressure", () => {
  it("finds the container's cgroup and sees its threads wait for its single core", async () => {
    // Two busy threads on one core: one always waits, whatever else the host does.
    const pid = await busyContainer(
      "const { Worker } = require('worker_threads'); new Worker('for(;;){}', { eval: true }); for(;;){}",
      { CpusetCpus: "0" },
    );
    const paths = await cgroupPathsOf(pid);
    expect(paths?.unified).toMatch(/\/sys\/fs\/cgroup\//);
    expect(paths?.cpuStat).toMatch(/\/sys\/fs\/cgroup\//);
    const monitor = new PressureMonitor(paths!, 200);
    await monitor.start();
    await sleep(1500);
    const report = await monitor.stop();
    expect(report).not.toBeNull();
    expect(report!.wallMs).toBeGreaterThan(0);
    expect(report!.someStallMs).toBeGreaterThan(report!.wallMs * 0.3);
    expect(report!.throttledMs).not.toBeNull();
  });

  it("counts a CPU quota's holding back as throttling, which is not starvation", async () => {
    // 1 ms per 100 ms period: even a loaded host gives it that much, so it is throttled every period.
    const pid = await busyContainer("for(;;){}", { NanoCpus: 10_000_000 });
    const monitor = new PressureMonitor((await cgroupPathsOf(pid))!, 200);
    await monitor.start();
    await sleep(1500);
    const report = (await monitor.stop())!;
    expect(report.throttledMs).toBeGreaterThan(0);
    expect(report.starvedMs).toBeCloseTo(Math.max(0, report.fullStallMs! - report.throttledMs!), 0);
    expect(report.starvedMs).toBeLessThan(report.fullStallMs!);
  });

  it("returns null for a process that does not exist", async () => {
    expect(await cgroupPathsOf(999_999_999)).toBeNull();
  });
});

describe("parsing", () => {
  it("reads PSI lines with and without full", () => {
    const text = "some avg10=12.50 avg60=3.00 avg300=0.50 total=123456\nfull avg10=1.00 avg60=0.20 avg300=0.00 total=2000\n";
    expect(parsePsi(text)).toEqual({ some: { avg10: 12.5, avg60: 3, total: 123456 }, full: { avg10: 1, avg60: 0.2, total: 2000 } });
    expect(parsePsi("some avg10=0.00 avg60=0.00 avg300=0.00 total=5\n")?.full).toBeNull();
    expect(parsePsi("garbage")).toBeNull();
  });

  it("reads throttling from v2 (µs) and v1 (ns) cpu.stat", () => {
    expect(parseThrottledUs("usage_usec 10\nnr_throttled 3\nthrottled_usec 4500\n")).toBe(4500);
    expect(parseThrottledUs("nr_periods 9\nnr_throttled 3\nthrottled_time 4500000\n")).toBe(4500);
    expect(parseThrottledUs("usage_usec 10\n")).toBeNull();
  });
});

function report(starvedMs: number, wallMs: number): PressureReport {
  return {
    wallMs,
    someStallMs: starvedMs,
    fullStallMs: starvedMs,
    throttledMs: 0,
    maxSomeAvg10: 0,
    starvedMs,
    starvedPercent: (starvedMs / wallMs) * 100,
  };
}

describe("starvation verdict", () => {
  it("subtracts the service's own throttling from its full stall", () => {
    const first: CpuSample = { atMs: 0, someTotalUs: 0, fullTotalUs: 0, someAvg10: 0, throttledUs: 0 };
    const last: CpuSample = { atMs: 10_000, someTotalUs: 9_000_000, fullTotalUs: 4_000_000, someAvg10: 80, throttledUs: 3_000_000 };
    expect(pressureBetween(first, last, 50)).toEqual({
      wallMs: 10_000,
      someStallMs: 9000,
      fullStallMs: 4000,
      throttledMs: 3000,
      maxSomeAvg10: 80,
      starvedMs: 1000,
      starvedPercent: 10,
    });
  });

  it("judges starved phases inconclusive and names who waited", () => {
    expect(starvationVerdict({ service: report(500, 20_000), prober: report(100, 20_000) })).toBeNull();
    expect(starvationVerdict({ service: null, prober: null })).toBeNull();
    // A short hiccup in a short phase is not starvation, however large its share.
    expect(starvationVerdict({ service: report(1_500, 2_000), prober: null })).toBeNull();
    // The isolated prober's worst measured share (13 %) stays conclusive however long the phase.
    expect(starvationVerdict({ service: report(600, 60_000), prober: report(7_800, 60_000) })).toBeNull();
    const verdict = starvationVerdict({ service: report(6_000, 20_000), prober: report(8_000, 20_000) });
    expect(verdict).toMatch(/the service waited for a CPU 6000 ms of 20000 ms \(30 %, limit 25 %\)/);
    expect(verdict).toMatch(/the prober waited/);
  });
});
