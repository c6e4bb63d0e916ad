import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensureGradingCgroup } from "./cpu-weight";

const made: string[] = [];
async function fakeRoot(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "hirekit-cgroup-"));
  made.push(root);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("ensureGradingCgroup", () => {
  it("gives the parent a high cpu.shares on a cgroup v1 (hybrid) host", async () => {
    const root = await fakeRoot({ "cpu/cpu.shares": "1024\n" });
    const outcome = await ensureGradingCgroup({ local: true, cgroupDriver: "cgroupfs", root, name: "grading" });
    expect(outcome.parent).toBe("/grading");
    expect(await readFile(path.join(root, "cpu/grading/cpu.shares"), "utf8")).toBe("65536");
  });

  it("gives the parent the highest cpu.weight on a cgroup v2 host and enables the cpu controller", async () => {
    const root = await fakeRoot({ "cgroup.controllers": "cpuset cpu io memory pids", "cgroup.subtree_control": "memory pids" });
    const outcome = await ensureGradingCgroup({ local: true, cgroupDriver: "cgroupfs", root, name: "grading" });
    expect(outcome.parent).toBe("/grading");
    expect(await readFile(path.join(root, "grading/cpu.weight"), "utf8")).toBe("10000");
    expect(await readFile(path.join(root, "cgroup.subtree_control"), "utf8")).toBe("+cpu");
  });

  it("declines with a reason for a remote engine or the systemd driver", async () => {
    expect(await ensureGradingCgroup({ local: false, cgroupDriver: "cgroupfs" })).toEqual({ parent: null, detail: expect.stringMatching(/remote/) });
    expect(await ensureGradingCgroup({ local: true, cgroupDriver: "systemd" })).toEqual({ parent: null, detail: expect.stringMatching(/systemd/) });
  });

  it("declines when there is no cpu controller", async () => {
    const root = await fakeRoot({ "memory/memory.limit_in_bytes": "0" });
    expect((await ensureGradingCgroup({ local: true, cgroupDriver: "cgroupfs", root })).parent).toBeNull();
  });
});
