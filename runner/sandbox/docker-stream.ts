import type { Readable } from "node:stream";

interface DockerJsonMessage {
  stream?: string;
  status?: string;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { message?: string };
}

export interface JsonStreamResult {
  /** Concatenated `stream`/`status` text, capped at `maxLogBytes` (the rest is counted, not kept). */
  log: string;
  truncatedBytes: number;
  /** The daemon's error message when the operation failed (a failed build step, a bad import). */
  error?: string;
  imageId?: string;
}

/**
 * Reads the newline-delimited JSON progress stream of build/import/pull. The daemon reports a
 * failure inside the stream with HTTP 200, so the error must be looked for here.
 */
export function readJsonStream(
  stream: Readable,
  maxLogBytes: number,
  onText?: (text: string) => void,
): Promise<JsonStreamResult> {
  return new Promise((resolve, reject) => {
    let pending = "";
    const result: JsonStreamResult = { log: "", truncatedBytes: 0 };
    const append = (text: string) => {
      const room = maxLogBytes - Buffer.byteLength(result.log);
      if (room <= 0) {
        result.truncatedBytes += Buffer.byteLength(text);
        return;
      }
      const bytes = Buffer.from(text);
      if (bytes.length <= room) {
        result.log += text;
      } else {
        result.log += bytes.subarray(0, room).toString();
        result.truncatedBytes += bytes.length - room;
      }
    };
    const handleLine = (line: string) => {
      if (line.trim() === "") return;
      let message: DockerJsonMessage;
      try {
        message = JSON.parse(line) as DockerJsonMessage;
      } catch {
        append(`${line}\n`);
        return;
      }
      const text = message.stream ?? (message.status ? `${message.status}\n` : undefined);
      if (text !== undefined) {
        append(text);
        onText?.(text);
      }
      if (message.aux?.ID) result.imageId = message.aux.ID;
      if (message.error || message.errorDetail?.message) {
        result.error = message.errorDetail?.message ?? message.error;
      }
    };
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      pending += chunk;
      let newline = pending.indexOf("\n");
      while (newline >= 0) {
        handleLine(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf("\n");
      }
    });
    stream.on("error", reject);
    stream.on("end", () => {
      handleLine(pending);
      resolve(result);
    });
  });
}
