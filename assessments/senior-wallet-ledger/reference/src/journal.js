// Append-only NDJSON journal of every state change. Appends issued while a write is in flight are
// written together in the next write (group commit), and each append resolves once its line is
// written to the file, so a response is never sent for a change that was not recorded.
import { existsSync, readFileSync, truncateSync } from "node:fs";
import { open } from "node:fs/promises";

export class Journal {
  #handle;
  #pending = [];
  #writing = false;

  constructor(handle) {
    this.#handle = handle;
  }

  /** Opens `file` for appending and returns it with the events already in it. */
  static async open(file) {
    const events = [];
    if (existsSync(file)) {
      const content = readFileSync(file, "utf8");
      const complete = content.lastIndexOf("\n") + 1;
      // A torn final line comes from a crash mid-write: its change was never acknowledged, and
      // later appends must not be glued to it.
      if (complete < content.length) truncateSync(file, Buffer.byteLength(content.slice(0, complete)));
      for (const line of content.slice(0, complete).split("\n")) {
        if (line !== "") events.push(JSON.parse(line));
      }
    }
    return { journal: new Journal(await open(file, "a")), events };
  }

  append(event) {
    return new Promise((resolve, reject) => {
      this.#pending.push({ line: `${JSON.stringify(event)}\n`, resolve, reject });
      if (!this.#writing) void this.#flush();
    });
  }

  async #flush() {
    this.#writing = true;
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0);
      try {
        await this.#handle.appendFile(batch.map((entry) => entry.line).join(""));
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.#writing = false;
  }
}
