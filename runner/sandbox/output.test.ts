import { describe, expect, it } from "vitest";
import { CappedOutput, DockerFrameParser, LineSplitter } from "./output";
import { parseProberLine } from "../prober/events";
import { runEnv, sandboxEnv } from "./env";
import { sandboxLimits } from "./limits";

const frame = (type: 1 | 2, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe("CappedOutput", () => {
  it("keeps everything under the cap", () => {
    const output = new CappedOutput(100);
    output.write(Buffer.from("hello "));
    output.write(Buffer.from("world"));
    expect(output.text()).toBe("hello world");
    expect(output.total).toBe(11);
  });

  it("keeps the head and the tail of a flood and counts the rest", () => {
    const output = new CappedOutput(20);
    output.write(Buffer.from("HEAD-HEAD-"));
    for (let i = 0; i < 1000; i += 1) output.write(Buffer.from("middle "));
    output.write(Buffer.from("-TAIL-TAIL"));
    expect(output.text()).toBe("HEAD-HEAD-\n[… 7000 bytes omitted …]\n-TAIL-TAIL");
  });
});

describe("DockerFrameParser", () => {
  it("splits frames across arbitrary chunk boundaries", () => {
    const seen: string[] = [];
    const parser = new DockerFrameParser((type, payload) => seen.push(`${type}:${payload.toString()}`));
    const bytes = Buffer.concat([frame(1, "out one"), frame(2, "err"), frame(1, "out two")]);
    for (let i = 0; i < bytes.length; i += 3) parser.push(bytes.subarray(i, i + 3));
    expect(seen).toEqual(["stdout:out one", "stderr:err", "stdout:out two"]);
  });
});

describe("LineSplitter", () => {
  it("joins partial lines and flushes the last one", () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    splitter.push("a\nb");
    splitter.push("c\nd");
    splitter.end();
    expect(lines).toEqual(["a", "bc", "d"]);
  });
});

describe("parseProberLine", () => {
  it("accepts the protocol's events", () => {
    expect(parseProberLine('{"type":"ready","ms":12}')).toEqual({ type: "ready", ms: 12 });
    const result = parseProberLine(
      JSON.stringify({
        type: "result",
        id: "t",
        title: "T",
        competency: "api-design",
        points: 1,
        earned: 1,
        visibility: "public",
        outcome: "passed",
        durationMs: 3,
        evidence: [],
      }),
    );
    expect(result).toMatchObject({ type: "result", id: "t", outcome: "passed" });
  });

  it("treats anything else as a prober fault", () => {
    expect(() => parseProberLine("hello")).toThrow(/not JSON/);
    expect(() => parseProberLine('{"type":"result","id":"x"}')).toThrow(/invalid event/);
  });
});

describe("sandbox environment and limits", () => {
  it("builds the environment from the allowlist only", () => {
    expect(runEnv(3000)).toContain("PORT=3000");
    expect(runEnv(3000).some((entry) => entry.startsWith("DATABASE_URL"))).toBe(false);
    expect(() => sandboxEnv({ DATABASE_URL: "postgres://secret" } as never)).toThrow(/not on the sandbox allowlist/);
  });

  it("completes the assessment's limits and validates overrides", () => {
    const limits = sandboxLimits({ memoryMb: 512 }, { readySeconds: 5 });
    expect(limits).toMatchObject({ memoryMb: 512, readySeconds: 5, outputBytes: 2 * 1024 * 1024, pids: 128 });
    expect(() => sandboxLimits({}, { memoryMb: 1_000_000 })).toThrow();
  });
});
