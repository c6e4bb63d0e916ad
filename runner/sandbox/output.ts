/**
 * Keeps the first and last `maxBytes / 2` bytes of a stream and counts the rest: the start of a log
 * says how a service booted, the end why it died.
 */
export class CappedOutput {
  private head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  total = 0;

  constructor(private readonly maxBytes: number) {}

  write(chunk: Buffer): void {
    this.total += chunk.length;
    const headRoom = Math.floor(this.maxBytes / 2) - this.headBytes;
    if (headRoom > 0) {
      const part = chunk.subarray(0, headRoom);
      this.head.push(part);
      this.headBytes += part.length;
      chunk = chunk.subarray(part.length);
      if (chunk.length === 0) return;
    }
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    const tailLimit = this.maxBytes - Math.floor(this.maxBytes / 2);
    while (this.tailBytes - (this.tail[0]?.length ?? 0) >= tailLimit) {
      this.tailBytes -= this.tail.shift()!.length;
    }
  }

  text(): string {
    const head = Buffer.concat(this.head).toString("utf8");
    let tail = Buffer.concat(this.tail);
    const tailLimit = this.maxBytes - Math.floor(this.maxBytes / 2);
    if (tail.length > tailLimit) tail = tail.subarray(tail.length - tailLimit);
    const kept = this.headBytes + tail.length;
    if (kept >= this.total) return head + tail.toString("utf8");
    return `${head}\n[… ${this.total - kept} bytes omitted …]\n${tail.toString("utf8")}`;
  }
}

/**
 * Splits Docker's multiplexed attach stream (8-byte header: stream type, 3 zero bytes, uint32 size)
 * into payload chunks, across arbitrary chunk boundaries.
 */
export class DockerFrameParser {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly onFrame: (stream: "stdout" | "stderr", payload: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      const type = this.pending[0] === 2 ? "stderr" : "stdout";
      this.onFrame(type, this.pending.subarray(8, 8 + size));
      this.pending = this.pending.subarray(8 + size);
    }
  }
}

/** Splits text into lines across chunk boundaries, with a cap on a single line's length. */
export class LineSplitter {
  private pending = "";

  constructor(private readonly onLine: (line: string) => void, private readonly maxLine = 4 * 1024 * 1024) {}

  push(chunk: Buffer | string): void {
    this.pending += chunk.toString();
    let newline = this.pending.indexOf("\n");
    while (newline >= 0) {
      this.onLine(this.pending.slice(0, newline));
      this.pending = this.pending.slice(newline + 1);
      newline = this.pending.indexOf("\n");
    }
    if (this.pending.length > this.maxLine) {
      this.onLine(this.pending);
      this.pending = "";
    }
  }

  end(): void {
    if (this.pending !== "") this.onLine(this.pending);
    this.pending = "";
  }
}
