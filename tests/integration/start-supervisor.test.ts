import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { ensureBuild, freePort } from "../support/app-server";

// The real `npm start` path in a data folder of its own: it starts its own PostgreSQL and Redis,
// migrates, seeds, serves and grades. Killing the worker must not take the site down, and SIGTERM
// must leave nothing it started running.

const dataDir = mkdtempSync(path.join(tmpdir(), "hirekit-start-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

it("restarts a killed worker, keeps serving, and stops everything it started on Ctrl-C", { timeout: 300_000 }, async () => {
  await ensureBuild();
  const [port, pgPort, redisPort] = [await freePort(), await freePort(), await freePort()];
  // Without DATABASE_URL and REDIS_URL the start script starts services of its own.
  const { DATABASE_URL: _db, REDIS_URL: _redis, NODE_ENV: _mode, ...inherited } = process.env;
  const env: Record<string, string | undefined> = { ...inherited, DATA_DIR: dataDir, PORT: String(port), HIREKIT_PG_PORT: String(pgPort), HIREKIT_REDIS_PORT: String(redisPort) };
  // A process group of its own, like a terminal's foreground job, so Ctrl-C can be sent to the group.
  const start = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  start.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  start.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => start.once("exit", (code, signal) => resolve({ code, signal })));
  const waitForOutput = async (pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = output.match(pattern);
      if (match) return match;
      if (start.exitCode !== null || start.signalCode !== null) throw new Error(`start exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs / 1000} s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  try {
    const [, webPid, workerPid] = (await waitForOutput(/web pid (\d+), worker pid (\d+)/, 240_000)).map(Number);
    await waitForOutput(/Hirekit is running at/, 90_000);
    expect(await portOpen(pgPort)).toBe(true);
    expect(await portOpen(redisPort)).toBe(true);

    process.kill(workerPid, "SIGKILL");
    const newWorkerPid = Number((await waitForOutput(/worker restarted \(pid (\d+), restart 1\)/, 30_000))[1]);
    expect(newWorkerPid).not.toBe(workerPid);
    expect(output).toMatch(/worker was killed by SIGKILL after [\d.]+ s; restarting it/);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBeLessThan(500);
    expect(alive(webPid)).toBe(true);

    // Ctrl-C: the terminal signals the whole foreground group; the children must be stopped once, by the supervisor.
    await waitForOutput(new RegExp(`grading with concurrency \\d+ \\(pid ${newWorkerPid}\\)`), 240_000);
    process.kill(-start.pid!, "SIGINT");
    const { code } = await exited;
    expect(code, output).toBe(0);
    expect(output).toMatch(/"service":"hirekit-worker".*"msg":"SIGTERM: finishing the gradings in progress/);
    expect(output).not.toMatch(/again: exiting without waiting/);
    expect(output).toContain("stopped Redis");
    expect(output).toContain("stopped PostgreSQL");
    for (const pid of [webPid, newWorkerPid]) expect(alive(pid)).toBe(false);
    expect(await portOpen(port)).toBe(false);
    expect(await portOpen(pgPort)).toBe(false);
    expect(await portOpen(redisPort)).toBe(false);
  } finally {
    if (start.exitCode === null && start.signalCode === null) {
      start.kill("SIGTERM");
      await exited;
    }
  }
});
