// The grading CLI as a user runs it: through a pipe to another program, and interrupted.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_ASSESSMENT, solutionDir } from "../fixtures/grading";
import { ensureRuntimeImages } from "../images/ensure";
import { listWorkFolders } from "../pipeline/work-folders";
import { listSubmissionContainers } from "../sandbox/cleanup";
import { dockerClient } from "../sandbox/docker-client";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
let work: string;
let dataDir: string;

beforeAll(async () => {
  await ensureRuntimeImages();
  work = await mkdtemp(path.join(tmpdir(), "hirekit-cli-test-"));
  dataDir = await mkdtemp(path.join(tmpdir(), "hirekit-cli-data-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

function runCli(target: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "runner/cli/grade.ts", target, "--assessment", FIXTURE_ASSESSMENT, "--json"], {
    cwd: repoRoot,
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });

describe("npm run grade", () => {
  it("lets a piped stdout drain: a reader that starts late still gets all of a JSON over 64 KiB", async () => {
    const noisy = path.join(work, "noisy");
    await mkdir(noisy, { recursive: true });
    await writeFile(path.join(noisy, "package.json"), '{"scripts":{"start":"node server.js"}}');
    // Control characters print as \u0001 in JSON: the kept 64 KB of output become ~380 KB of result.
    await writeFile(path.join(noisy, "server.js"), 'for (let i = 0; i < 2000; i++) console.log("\\u0001".repeat(100)); process.exit(1);');
    const out = path.join(work, "result.json");
    const cli = `"${process.execPath}" --import tsx runner/cli/grade.ts "${noisy}" --assessment "${FIXTURE_ASSESSMENT}" --json`;
    // The reader starts late, as a slow consumer would: the pipe's 64 KiB buffer fills first.
    const child = spawn("sh", ["-c", `${cli} | (sleep 3; cat > "${out}")`], {
      cwd: repoRoot,
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    await exited(child);
    const text = await readFile(out, "utf8");
    expect(text.length, stderr).toBeGreaterThan(64 * 1024);
    const result = JSON.parse(text) as { status: string; runLog: string };
    expect(result.status).toBe("FAILED");
    expect(result.runLog).toContain("\u0001".repeat(100));
  }, 180_000);

  it("removes its containers and work folder when stopped with SIGTERM", { timeout: 180_000 }, async () => {
    const child = runCli(solutionDir("slow-start"));
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const docker = dockerClient();
    const mine = async () => (await listSubmissionContainers(docker)).filter((name) => name.includes("-cli-"));
    const before = new Set(await mine());
    const deadline = Date.now() + 120_000;
    let started: string[] = [];
    while (started.length === 0 && Date.now() < deadline) {
      started = (await mine()).filter((name) => !before.has(name));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(started.length, stderr).toBeGreaterThan(0);
    const submissionId = /hirekit-(cli-[a-f0-9]+)-/.exec(started[0])?.[1] ?? "";
    child.kill("SIGTERM");
    expect(await exited(child)).toBe(143);
    expect(stderr).toContain("SIGTERM: removing the grading's containers and files");
    expect((await mine()).filter((name) => name.includes(submissionId))).toEqual([]);
    expect(await listWorkFolders(path.join(dataDir, "work"), submissionId)).toEqual([]);
  });
});
