import { createReadStream } from "node:fs";
import { lstat, readdir, readlink, stat } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import tar from "tar-stream";

export interface ContextFile {
  name: string;
  content?: string | Buffer;
  sourcePath?: string;
  linkTarget?: string;
  mode?: number;
  directory?: boolean;
}

/** Lists a folder's regular files, folders and symlinks (never following a link) under `prefix`. */
export async function collectTree(sourceDir: string, prefix: string): Promise<ContextFile[]> {
  const files: ContextFile[] = [];
  const walk = async (dir: string, relative: string) => {
    for (const entry of (await readdir(dir)).sort()) {
      const full = path.join(dir, entry);
      const rel = relative === "" ? entry : path.posix.join(relative, entry);
      const info = await lstat(full);
      if (info.isSymbolicLink()) files.push({ name: rel, linkTarget: await readlink(full) });
      else if (info.isDirectory()) {
        files.push({ name: rel, directory: true, mode: 0o755 });
        await walk(full, rel);
      } else if (info.isFile()) files.push({ name: rel, sourcePath: full, mode: info.mode & 0o777 });
    }
  };
  await walk(sourceDir, prefix);
  return files;
}

/**
 * Streams files into a tar (a Docker build context or a putArchive body), reading each source file
 * only when its turn comes. `owner` sets every entry's uid/gid (the archive's numeric owner is what
 * the engine writes).
 */
export function packContext(files: ContextFile[], owner: { uid: number; gid: number } = { uid: 0, gid: 0 }): tar.Pack {
  const pack = tar.pack();
  void (async () => {
    try {
      for (const file of files) {
        if (file.linkTarget !== undefined) {
          pack.entry({ ...owner, name: file.name, type: "symlink", linkname: file.linkTarget });
        } else if (file.directory) {
          pack.entry({ ...owner, name: file.name, type: "directory", mode: file.mode ?? 0o755 });
        } else if (file.sourcePath) {
          const size = (await stat(file.sourcePath)).size;
          const entry = pack.entry({ ...owner, name: file.name, size, mode: file.mode ?? 0o644 });
          await pipeline(createReadStream(file.sourcePath), entry);
        } else {
          pack.entry({ ...owner, name: file.name, mode: file.mode ?? 0o644 }, file.content ?? "");
        }
      }
      pack.finalize();
    } catch (error) {
      pack.destroy(error as Error);
    }
  })();
  return pack;
}
