// The npm cache builds share, made safe to share. A build never writes to the shared store: it gets
// a cache folder of its own whose content files are hard links to the store's files (owned by root,
// mode 0444, so the build's user can read them but neither change nor chmod them; removing a link
// only removes the build's own name). After a successful build the runner copies into the store
// the content files the build added whose bytes hash to their content address (sha512 only):
// nothing else (index entries, which map URLs to hashes and could point a later build at planted
// content, `_logs`, `tmp`, stray files) ever leaves the build's folder, which is then removed.
import { createHash, randomBytes } from "node:crypto";
import { constants, createReadStream, createWriteStream } from "node:fs";
import { chmod, chown, link, lstat, mkdir, open, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";

const CONTENT = path.join("_cacache", "content-v2", "sha512");
const HEX_512 = /^[0-9a-f]{128}$/;
/** A single package tarball over this is not worth keeping for others. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** What one build may add to the store. */
const MAX_PROMOTED_BYTES = 512 * 1024 * 1024;

export interface PromotionReport {
  promoted: number;
  promotedBytes: number;
  /** Files under the content folder that were refused (wrong hash, not a plain file, too big). */
  refused: number;
}

export interface BuildCache {
  /** Mount this at the build's npm cache path, writable. */
  dir: string;
  /** Copies verified new content into the shared store. */
  promote(): Promise<PromotionReport>;
  dispose(): Promise<void>;
}

async function listFiles(root: string, relative = ""): Promise<string[]> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(root, child)));
    else if (entry.isFile()) files.push(child);
  }
  return files;
}

/** sha512 hex of a regular file read without following a link; null when it is not one. */
async function hashPlainFile(file: string): Promise<string | null> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => null);
  if (!handle) return null;
  try {
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return null;
    const hash = createHash("sha512");
    for await (const chunk of createReadStream("", { fd: handle.fd, autoClose: false })) hash.update(chunk as Buffer);
    return hash.digest("hex");
  } finally {
    await handle.close();
  }
}

/** Copies a regular file without following a link at its path; false when it is not one or too big. */
async function copyPlainFile(from: string, to: string): Promise<boolean> {
  const handle = await open(from, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => null);
  if (!handle) return false;
  try {
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return false;
    await pipeline(createReadStream("", { fd: handle.fd, autoClose: false }), createWriteStream(to, { flags: "wx", mode: 0o600 }));
    return true;
  } finally {
    await handle.close();
  }
}

export class NpmCacheStore {
  /** root/store holds the shared content; root/builds the per-build folders. */
  constructor(
    readonly root: string,
    private readonly buildUid: number,
  ) {}

  private get store(): string {
    return path.join(this.root, "store");
  }

  /** A fresh cache folder for one build, pre-filled with links to the shared content. */
  async forBuild(label: string): Promise<BuildCache> {
    const safe = label.replace(/[^A-Za-z0-9_.-]/g, "-").slice(0, 60);
    const dir = path.join(this.root, "builds", `${process.pid}-${safe}-${randomBytes(4).toString("hex")}`);
    await mkdir(path.join(this.store, CONTENT), { recursive: true, mode: 0o755 });
    await mkdir(dir, { recursive: true, mode: 0o700 });
    for (const file of await listFiles(path.join(this.store, CONTENT))) {
      const target = path.join(dir, CONTENT, file);
      await mkdir(path.dirname(target), { recursive: true });
      await link(path.join(this.store, CONTENT, file), target);
    }
    // Folders (not files) become the build user's: npm adds entries, the store's files stay root's.
    await mkdir(path.join(dir, CONTENT), { recursive: true });
    const folders = [dir, ...(await this.foldersUnder(dir))];
    for (const folder of folders) await chown(folder, this.buildUid, this.buildUid);
    return {
      dir,
      promote: () => this.promote(dir),
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  }

  private async foldersUnder(root: string): Promise<string[]> {
    const folders: string[] = [];
    const walk = async (folder: string) => {
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        folders.push(path.join(folder, entry.name));
        await walk(path.join(folder, entry.name));
      }
    };
    await walk(root);
    return folders;
  }

  private async promote(dir: string): Promise<PromotionReport> {
    const report: PromotionReport = { promoted: 0, promotedBytes: 0, refused: 0 };
    const source = path.join(dir, CONTENT);
    for (const file of await listFiles(source)) {
      const address = file.split(path.sep).join("");
      const parts = file.split(path.sep);
      const target = path.join(this.store, CONTENT, file);
      if (await lstat(target).catch(() => null)) continue;
      const shaped = HEX_512.test(address) && parts.length === 3 && parts[0].length === 2 && parts[1].length === 2;
      const size = (await lstat(path.join(source, file)).catch(() => null))?.size ?? 0;
      if (!shaped || report.promotedBytes + size > MAX_PROMOTED_BYTES) {
        report.refused += 1;
        continue;
      }
      // Copied, never linked: a link would leave the build's user owning the store's inode.
      const temporary = path.join(this.store, `.incoming-${randomBytes(6).toString("hex")}`);
      if (!(await copyPlainFile(path.join(source, file), temporary))) {
        report.refused += 1;
        continue;
      }
      // The copy is hashed, not the original: the build's folder may still be changing underneath.
      if ((await hashPlainFile(temporary)) !== address) {
        await rm(temporary, { force: true });
        report.refused += 1;
        continue;
      }
      await chmod(temporary, 0o444);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
      await rename(temporary, target);
      report.promoted += 1;
      report.promotedBytes += size;
    }
    return report;
  }

  /** Removes build folders of processes that are gone (a killed worker's). */
  async sweep(): Promise<number> {
    let removed = 0;
    const builds = path.join(this.root, "builds");
    for (const name of await readdir(builds).catch(() => [])) {
      const pid = Number(name.split("-")[0]);
      let alive = false;
      if (Number.isInteger(pid) && pid > 0) {
        try {
          process.kill(pid, 0);
          alive = true;
        } catch (error) {
          alive = (error as NodeJS.ErrnoException).code !== "ESRCH";
        }
      }
      if (alive) continue;
      await rm(path.join(builds, name), { recursive: true, force: true });
      removed += 1;
    }
    return removed;
  }
}
