import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { dockerClient } from "../sandbox/docker-client";
import { buildOncePerEngine, engineLockPath, withProgress } from "./engine-lock";

describe("runtime-image build lock", () => {
  it("is keyed by the Docker Engine's ID in a host-wide directory, not by the checkout", async () => {
    const docker = dockerClient();
    const { ID } = (await docker.info()) as { ID: string };
    const lock = await engineLockPath(docker);
    expect(path.dirname(lock)).toBe(path.join(os.tmpdir(), "hirekit-locks"));
    expect(path.basename(lock)).toContain(ID.replace(/[^A-Za-z0-9_-]/g, "_"));
  });

  it("builds once when two checkouts ensure at the same time against one engine", async () => {
    const docker = dockerClient();
    const previousDataDir = process.env.DATA_DIR;
    const dataDirs = [await mkdtemp(path.join(os.tmpdir(), "hirekit-a-")), await mkdtemp(path.join(os.tmpdir(), "hirekit-b-"))];
    // The engine's images are the shared state; each checkout only sees it through isCurrent.
    let built = false;
    const builds: string[] = [];
    const ensureFrom = async (dataDir: string) => {
      process.env.DATA_DIR = dataDir;
      return buildOncePerEngine({
        docker,
        isCurrent: async () => built,
        build: async () => {
          builds.push(dataDir);
          await sleep(300);
          built = true;
        },
      });
    };
    try {
      const results = await Promise.all(dataDirs.map(ensureFrom));
      expect(builds).toHaveLength(1);
      expect(results.filter(Boolean)).toHaveLength(1);
    } finally {
      if (previousDataDir === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = previousDataDir;
      for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
    }
  });

  it("reports the phase and elapsed seconds while a long step runs", async () => {
    const lines: string[] = [];
    await withProgress("debootstrap", (line) => lines.push(line), () => sleep(120), 20);
    expect(lines[0]).toBe("debootstrap: started");
    expect(lines.some((line) => /^debootstrap: \d+ s elapsed$/.test(line))).toBe(true);
    expect(lines.at(-1)).toMatch(/^debootstrap: done in \d+ s$/);
  });
});
