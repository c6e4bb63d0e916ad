import { describe, expect, it } from "vitest";
import type { RunReport } from "../sandbox/driver";
import { exitedBeforeReadyReason, notReadyReason, runtimeNote, telltaleLine } from "./reasons";

const context = { port: 3000, readySeconds: 20, memoryMb: 256, pidsLimit: 128, outputLimitBytes: 2 * 1024 * 1024 };
const run = (overrides: Partial<RunReport> = {}): RunReport => ({
  log: "",
  outputBytes: 0,
  outputExceeded: false,
  exit: null,
  listeningPorts: null,
  pids: null,
  cpuBusy: null,
  contention: null,
  starved: null,
  ...overrides,
});

describe("telltaleLine", () => {
  it("prefers the thrown error over the lines after it", () => {
    const log = [
      "/app/server.js:3",
      "  fs.writeSync(fd, chunk);",
      "Error: ENOSPC: no space left on device, write",
      "    at Object.writeSync (node:fs:1)",
      "  code: 'ENOSPC'",
      "}",
      "",
      "Node.js v20.20.2",
    ].join("\n");
    expect(telltaleLine(log)).toBe("Error: ENOSPC: no space left on device, write");
  });

  it("reads a Python traceback's last line", () => {
    expect(
      telltaleLine(
        "Traceback (most recent call last):\n  File \"main.py\", line 1\nModuleNotFoundError: No module named 'flask'\n",
      ),
    ).toBe("ModuleNotFoundError: No module named 'flask'");
  });

  it("falls back to the last line, and to nothing for an empty log", () => {
    expect(telltaleLine("starting\nconfiguration missing, giving up\n")).toBe("configuration missing, giving up");
    expect(telltaleLine("\n\n")).toBeNull();
  });
});

describe("reasons", () => {
  it("names the exit code and the telltale line", () => {
    expect(exitedBeforeReadyReason({ code: 1, oomKilled: false }, run({ log: "Error: boom\n" }), context)).toBe(
      "exited with code 1 before becoming ready on port 3000: Error: boom",
    );
  });

  it("names the memory and output limits", () => {
    expect(exitedBeforeReadyReason({ code: 137, oomKilled: true }, run(), context)).toBe(
      "was killed for exceeding its memory limit of 256 MB before becoming ready on port 3000",
    );
    expect(exitedBeforeReadyReason({ code: 137, oomKilled: false }, run({ outputExceeded: true }), context)).toBe(
      "was stopped after writing more than 2 MB of output before becoming ready on port 3000",
    );
  });

  it("explains a service that never became ready", () => {
    expect(notReadyReason("", run({ listeningPorts: [8080] }), context)).toBe(
      "never became ready on port 3000 within 20 s (it listens on port 8080 instead)",
    );
    expect(notReadyReason("", run({ listeningPorts: [] }), context)).toBe(
      "never became ready on port 3000 within 20 s (nothing listens on any port)",
    );
    expect(notReadyReason("", run({ listeningPorts: [3000], cpuBusy: true }), context)).toBe(
      "never became ready on port 3000 within 20 s (it kept the CPU busy without answering)",
    );
    expect(notReadyReason("", run({ listeningPorts: [], pids: { current: 128, limit: 128, limitHit: true } }), context)).toBe(
      "never became ready on port 3000 within 20 s (nothing listens on any port; it reached the limit of 128 processes)",
    );
    expect(notReadyReason("no 2xx answer (last attempt: status 503)", run({ listeningPorts: [3000] }), context)).toBe(
      "never became ready on port 3000 within 20 s (last readiness check: status 503)",
    );
  });

  it("lets the last readiness error win over the CPU hint when a response arrived", () => {
    const message = "no 2xx answer from http://127.0.0.1:3000/health within 22000 ms (last attempt: UND_ERR_HEADERS_OVERFLOW)";
    expect(notReadyReason(message, run({ listeningPorts: [3000], cpuBusy: true }), context)).toBe(
      "never became ready on port 3000 within 20 s (last readiness check: its response headers were larger than a client accepts (16 KB))",
    );
    expect(notReadyReason("no 2xx answer (last attempt: status 500)", run({ listeningPorts: [3000], cpuBusy: true }), context)).toBe(
      "never became ready on port 3000 within 20 s (last readiness check: status 500)",
    );
    expect(notReadyReason("no 2xx answer (last attempt: request timed out)", run({ listeningPorts: [3000], cpuBusy: true }), context)).toBe(
      "never became ready on port 3000 within 20 s (it kept the CPU busy without answering)",
    );
  });

  it("notes a crash during the tests, and nothing for a clean run", () => {
    expect(runtimeNote(run({ exit: { code: 137, oomKilled: true } }), context)).toBe(
      "the service was killed for exceeding its memory limit of 256 MB during the tests",
    );
    expect(runtimeNote(run(), context)).toBeNull();
  });
});
