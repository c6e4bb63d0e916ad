// A container's output and exit, read from the engine.
import type { Duplex } from "node:stream";
import type Docker from "dockerode";
import type { ExitInfo } from "./driver";
import { isNotFound } from "./host-config";
import { CappedOutput, DockerFrameParser } from "./output";

export interface Attached {
  output: CappedOutput;
  ended: Promise<void>;
}

/**
 * Attaches to a created container before it starts, so no output is lost. `onOverflow` runs once
 * when the output passes `limitBytes`; `onStdout`, when given, receives stdout instead of the log.
 */
export async function attachOutput(
  container: Docker.Container,
  keepBytes: number,
  limitBytes: number,
  onOverflow: () => void,
  onStdout?: (chunk: Buffer) => void,
): Promise<Attached> {
  const output = new CappedOutput(keepBytes);
  const stream = (await container.attach({ stream: true, stdout: true, stderr: true, logs: true })) as Duplex;
  let overflowed = false;
  const parser = new DockerFrameParser((type, payload) => {
    if (type === "stdout" && onStdout) onStdout(payload);
    else output.write(payload);
    if (!overflowed && output.total > limitBytes) {
      overflowed = true;
      onOverflow();
    }
  });
  const ended = new Promise<void>((resolve) => {
    stream.on("data", (chunk: Buffer) => parser.push(chunk));
    stream.on("end", resolve);
    stream.on("close", resolve);
    stream.on("error", () => resolve());
  });
  return { output, ended };
}

/** Waits for the container to stop; a container removed meanwhile counts as exit -1. */
export async function exitInfo(container: Docker.Container): Promise<ExitInfo> {
  try {
    const result = (await container.wait()) as { StatusCode: number };
    const state = (await container.inspect()).State;
    return { code: result.StatusCode, oomKilled: Boolean(state.OOMKilled) };
  } catch (error) {
    if (isNotFound(error)) return { code: -1, oomKilled: false };
    throw error;
  }
}
