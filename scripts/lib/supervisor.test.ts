import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { restartDelay, shutdown, Supervisor, type StoppableService } from "./supervisor";

// Real child processes: small node scripts that stay up, ignore SIGTERM or crash at once.
const dir = mkdtempSync(path.join(tmpdir(), "hirekit-supervisor-"));
const script = (name: string, body: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, body);
  return file;
};
const STAYS_UP = script("stays-up.cjs", "setInterval(() => {}, 1000);\nprocess.on('SIGTERM', () => process.exit(0));\n");
// Writes the file named by its argument once its SIGTERM handler is in place.
const IGNORES_SIGTERM = script(
  "stubborn.cjs",
  "setInterval(() => {}, 1000);\nprocess.on('SIGTERM', () => {});\nrequire('node:fs').writeFileSync(process.argv[2], 'ready');\n",
);
const CRASHES = script("crashes.cjs", "process.exit(3);\n");

const supervisors: Supervisor[] = [];
function supervisor(options: ConstructorParameters<typeof Supervisor>[0] = {}) {
  const lines: string[] = [];
  const s = new Supervisor({ initialBackoffMs: 50, maxBackoffMs: 200, stopGraceMs: 10_000, log: (line) => lines.push(line), ...options });
  supervisors.push(s);
  return { s, lines };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until<T>(what: string, check: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

afterEach(async () => {
  for (const s of supervisors.splice(0)) await s.stop();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Supervisor", () => {
  it("restarts a child that was SIGKILLed and says so", async () => {
    const { s, lines } = supervisor();
    s.start({ name: "worker", command: process.execPath, args: [STAYS_UP], stdio: "ignore" });
    const first = await until("first pid", () => s.pid("worker"));
    process.kill(first, "SIGKILL");
    const second = await until("a new pid", () => {
      const pid = s.pid("worker");
      return pid !== undefined && pid !== first ? pid : undefined;
    });
    expect(alive(second)).toBe(true);
    expect(s.restarts("worker")).toBe(1);
    expect(lines.join("\n")).toMatch(/worker was killed by SIGKILL after [\d.]+ s; restarting it in [\d.]+ s\./);
    expect(lines.join("\n")).toContain(`worker restarted (pid ${second}, restart 1).`);
  });

  it("stops every child it started, escalating to SIGKILL for one that ignores SIGTERM", async () => {
    const { s, lines } = supervisor({ stopGraceMs: 1_000 });
    s.start({ name: "web", command: process.execPath, args: [STAYS_UP], stdio: "ignore" });
    const ready = path.join(dir, "stubborn.ready");
    s.start({ name: "stubborn", command: process.execPath, args: [IGNORES_SIGTERM, ready], stdio: "ignore" });
    const pids = await until("both pids", () => {
      const web = s.pid("web");
      const stubborn = s.pid("stubborn");
      return web && stubborn ? [web, stubborn] : undefined;
    });
    // Asked to stop only once its SIGTERM handler is in place, however slow the host is.
    await until("the stubborn child's handler", () => existsSync(ready));
    const report = await s.stop();
    expect(report).toEqual({ ok: true, killed: ["stubborn"], failures: [] });
    for (const pid of pids) expect(alive(pid)).toBe(false);
    expect(lines.join("\n")).toContain("stubborn did not stop within 1 s; killing it.");
  });

  it("finishes stopping when a child already died of a signal (exitCode null, signalCode set)", async () => {
    const { s } = supervisor({ initialBackoffMs: 60_000 });
    s.start({ name: "worker", command: process.execPath, args: [STAYS_UP], stdio: "ignore" });
    const pid = await until("pid", () => s.pid("worker"));
    process.kill(pid, "SIGKILL");
    await until("the death to be noticed", () => s.pid("worker") === undefined);
    const report = await s.stop();
    expect(report.ok).toBe(true);
    expect(alive(pid)).toBe(false);
  });

  it("does not restart anything once stopping has begun, even a restart already scheduled", async () => {
    const { s } = supervisor({ initialBackoffMs: 300 });
    s.start({ name: "worker", command: process.execPath, args: [STAYS_UP], stdio: "ignore" });
    const pid = await until("pid", () => s.pid("worker"));
    process.kill(pid, "SIGKILL");
    await until("the death to be noticed", () => s.pid("worker") === undefined);
    await s.stop();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(s.pid("worker")).toBeUndefined();
    expect(s.restarts("worker")).toBe(0);
  });

  it("gives up on a child that keeps crashing and reports it", async () => {
    let gaveUp = "";
    const { s, lines } = supervisor({ initialBackoffMs: 10, maxBackoffMs: 20, maxCrashesInARow: 3, onGiveUp: (name) => (gaveUp = name) });
    s.start({ name: "web", command: process.execPath, args: [CRASHES], stdio: "ignore" });
    await until("give-up", () => gaveUp);
    expect(gaveUp).toBe("web");
    expect(s.restarts("web")).toBe(3);
    expect(lines.at(-1)).toBe("web exited with code 3; it crashed 4 times in a row, giving up.");
  });

  it("backs off exponentially up to the cap", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => restartDelay(n, 1_000, 10_000))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });
});

describe("shutdown", () => {
  const service = (name: string, stop: () => Promise<void>, startedByUs = true): StoppableService & { stopped: boolean } => {
    const entry = {
      name,
      startedByUs,
      stopped: false,
      stop: async () => {
        await stop();
        entry.stopped = true;
      },
    };
    return entry;
  };

  it("stops the children, then the services it started (newest first), and keeps the requested status", async () => {
    const { s } = supervisor();
    s.start({ name: "web", command: process.execPath, args: [STAYS_UP], stdio: "ignore" });
    const pid = await until("pid", () => s.pid("web"));
    const order: string[] = [];
    const postgres = service("PostgreSQL", async () => void order.push("PostgreSQL"));
    const redis = service("Redis", async () => void order.push("Redis"));
    const docker = service("Docker Engine", async () => void order.push("Docker Engine"), false);
    const log: string[] = [];
    expect(await shutdown(s, [postgres, redis, docker], 0, (line) => log.push(line))).toBe(0);
    expect(alive(pid)).toBe(false);
    expect(order).toEqual(["Redis", "PostgreSQL"]);
    expect(docker.stopped).toBe(false);
  });

  it("exits non-zero when a service cannot be stopped, and still stops the others", async () => {
    const { s } = supervisor();
    const postgres = service("PostgreSQL", async () => undefined);
    const redis = service("Redis", async () => {
      throw new Error("Redis shutdown did not become ready within 10 s");
    });
    const log: string[] = [];
    expect(await shutdown(s, [postgres, redis], 0, (line) => log.push(line))).toBe(1);
    expect(postgres.stopped).toBe(true);
    expect(log).toContain("    could not stop Redis: Redis shutdown did not become ready within 10 s");
  });
});
