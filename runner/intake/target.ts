import { createWriteStream } from "node:fs";
import { mkdir, readdir, realpath, symlink } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { formatBytes, IntakeRefusal, type IntakeLimits } from "./rules";

type EntryKind = "file" | "dir" | "symlink";

/** Archive metadata that never belongs in a solution and is dropped silently. */
function isJunk(name: string): boolean {
  const base = name.split("/").pop() ?? "";
  return name === "__MACOSX" || name.startsWith("__MACOSX/") || base === ".DS_Store";
}

/** Turns an entry name into a safe relative POSIX path, or refuses it. Returns "" for the root itself. */
export function normalizeEntryName(raw: string): string {
  if (raw.includes("\0")) throw new IntakeRefusal("invalid-name", `entry name ${JSON.stringify(raw)} contains a NUL byte`);
  const name = raw.replace(/\\/g, "/");
  if (name.startsWith("/") || /^[a-zA-Z]:/.test(name)) {
    throw new IntakeRefusal(
      "absolute-path",
      `entry ${JSON.stringify(raw)} has an absolute path; use paths relative to the project folder`,
    );
  }
  const parts = name.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.includes("..")) {
    throw new IntakeRefusal(
      "parent-traversal",
      `entry ${JSON.stringify(raw)} contains ".." and would be written outside the project folder`,
    );
  }
  if (name.length > 1024 || parts.some((part) => Buffer.byteLength(part) > 255)) {
    throw new IntakeRefusal("invalid-name", `entry name ${JSON.stringify(raw.slice(0, 80))}… is too long`);
  }
  return parts.join("/");
}

/**
 * Receives entries from a zip or tar reader and writes them under `root`, enforcing every limit
 * while the bytes stream. Links are created only after all files, so no write can pass through one.
 */
export class ExtractionTarget {
  private readonly kinds = new Map<string, EntryKind>();
  private readonly links: { name: string; target: string }[] = [];
  private entries = 0;
  private files = 0;
  private bytes = 0;

  constructor(private readonly root: string, private readonly limits: IntakeLimits) {}

  private countEntry() {
    this.entries += 1;
    if (this.entries > this.limits.maxEntries) {
      throw new IntakeRefusal("file-count", `the archive has more than ${this.limits.maxEntries} entries`);
    }
  }

  /** Checks the name and that it neither repeats an entry nor lies under a file or link. */
  private claim(raw: string, kind: EntryKind): string | null {
    this.countEntry();
    const name = normalizeEntryName(raw);
    if (name === "" || isJunk(name)) return null;
    const parts = name.split("/");
    for (let depth = 1; depth < parts.length; depth += 1) {
      const parent = parts.slice(0, depth).join("/");
      const parentKind = this.kinds.get(parent);
      if (parentKind === undefined) this.kinds.set(parent, "dir");
      else if (parentKind !== "dir") {
        throw new IntakeRefusal(
          "duplicate-entry",
          `entry ${JSON.stringify(name)} lies under ${JSON.stringify(parent)}, which is not a folder`,
        );
      }
    }
    const existing = this.kinds.get(name);
    if (existing !== undefined && !(existing === "dir" && kind === "dir")) {
      throw new IntakeRefusal("duplicate-entry", `entry ${JSON.stringify(name)} appears more than once`);
    }
    this.kinds.set(name, kind);
    return name;
  }

  addDirectory(raw: string): void {
    this.claim(raw, "dir");
  }

  /** Streams one file; `declaredSize` is the size the archive header promises, when it has one. */
  async addFile(raw: string, data: Readable, options: { declaredSize?: number; executable: boolean }): Promise<void> {
    const name = this.claim(raw, "file");
    if (name === null) {
      data.resume();
      return;
    }
    const { maxFileBytes, maxExpandedBytes } = this.limits;
    if (options.declaredSize !== undefined) {
      if (options.declaredSize > maxFileBytes) {
        throw new IntakeRefusal(
          "file-size",
          `${name} is ${formatBytes(options.declaredSize)}; a single file may be at most ${formatBytes(maxFileBytes)}`,
        );
      }
      if (this.bytes + options.declaredSize > maxExpandedBytes) {
        throw new IntakeRefusal("expanded-size", `the archive expands to more than ${formatBytes(maxExpandedBytes)}`);
      }
    }
    this.files += 1;
    let fileBytes = 0;
    const declared = options.declaredSize;
    // Iterating (rather than piping) also works for tar-stream's streamx entries, whose
    // destruction on a truncated archive a node pipeline would never notice.
    const counted = async function* (this: ExtractionTarget) {
      for await (const chunk of data as AsyncIterable<Buffer>) {
        fileBytes += chunk.length;
        this.bytes += chunk.length;
        if (declared !== undefined && fileBytes > declared) {
          throw new IntakeRefusal(
            "expanded-size",
            `${name} expands beyond the size its header declares (${formatBytes(declared)}); refusing a zip bomb`,
          );
        }
        if (fileBytes > maxFileBytes) {
          throw new IntakeRefusal(
            "file-size",
            `${name} is larger than ${formatBytes(maxFileBytes)}, the limit for a single file`,
          );
        }
        if (this.bytes > maxExpandedBytes) {
          throw new IntakeRefusal(
            "expanded-size",
            `the archive expands to more than ${formatBytes(maxExpandedBytes)} (stopped while extracting)`,
          );
        }
        yield chunk;
      }
    }.bind(this);
    const destination = path.join(this.root, name);
    await mkdir(path.dirname(destination), { recursive: true });
    await pipeline(counted, createWriteStream(destination, { flags: "wx", mode: options.executable ? 0o755 : 0o644 }));
  }

  addSymlink(raw: string, target: string): void {
    const name = this.claim(raw, "symlink");
    if (name === null) return;
    const escape = () =>
      new IntakeRefusal(
        "link-escape",
        `link ${JSON.stringify(name)} points to ${JSON.stringify(target)}, outside the project folder`,
      );
    if (target === "" || target.includes("\0") || target.startsWith("/") || /^[a-zA-Z]:/.test(target)) throw escape();
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(name), target));
    if (resolved === ".." || resolved.startsWith("../")) throw escape();
    this.links.push({ name, target });
  }

  /** Creates the links, checks where they really lead, and returns the project root (top folder stripped). */
  async finish(): Promise<{ root: string; files: number; bytes: number; strippedFolder: string | null }> {
    if (this.files === 0) throw new IntakeRefusal("empty-archive", "the archive contains no files");
    for (const dir of this.kinds) {
      if (dir[1] === "dir") await mkdir(path.join(this.root, dir[0]), { recursive: true });
    }
    for (const link of this.links) await symlink(link.target, path.join(this.root, link.name));
    const realRoot = await realpath(this.root);
    for (const link of this.links) {
      // Lexical checks cannot see chains such as a -> . and b -> a/a/../..; the kernel's answer can.
      const resolved = await realpath(path.join(this.root, link.name)).catch(() => null);
      if (resolved === null) {
        throw new IntakeRefusal(
          "link-escape",
          `link ${JSON.stringify(link.name)} points to ${JSON.stringify(
            link.target,
          )}, which is not a file or folder in the archive`,
        );
      }
      if (resolved !== realRoot && !resolved.startsWith(`${realRoot}/`)) {
        throw new IntakeRefusal(
          "link-escape",
          `link ${JSON.stringify(link.name)} points to ${JSON.stringify(link.target)}, outside the project folder`,
        );
      }
    }
    const top = await readdir(this.root);
    if (top.length === 1 && this.kinds.get(top[0]) === "dir") {
      return { root: path.join(this.root, top[0]), files: this.files, bytes: this.bytes, strippedFolder: top[0] };
    }
    return { root: this.root, files: this.files, bytes: this.bytes, strippedFolder: null };
  }
}
