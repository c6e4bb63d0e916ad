import { createReadStream } from "node:fs";
import { mkdir, open, readdir, stat } from "node:fs/promises";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import tar from "tar-stream";
import yauzl from "yauzl";
import {
  DEFAULT_INTAKE_LIMITS,
  formatBytes,
  IntakeRefusal,
  intakeLimitsSchema,
  type IntakeLimits,
  type IntakeRule,
} from "./rules";
import { ExtractionTarget } from "./target";

export type ArchiveFormat = "zip" | "tar.gz";

export type ExtractResult =
  | {
      ok: true;
      format: ArchiveFormat;
      /** The project root: `destination`, or the single top-level folder inside it. */
      root: string;
      files: number;
      bytes: number;
      strippedFolder: string | null;
    }
  | { ok: false; rule: IntakeRule; message: string };

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const MAX_LINK_TARGET_BYTES = 4096;

async function sniffFormat(file: string): Promise<ArchiveFormat> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    if (bytesRead >= 4 && head.readUInt32LE(0) === 0x04034b50) return "zip";
    if (bytesRead >= 4 && head.readUInt32LE(0) === 0x06054b50) {
      throw new IntakeRefusal("empty-archive", "the archive contains no files");
    }
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "tar.gz";
  } finally {
    await handle.close();
  }
  throw new IntakeRefusal("not-an-archive", "the upload is not a .zip or .tar.gz archive");
}

async function readAll(stream: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new IntakeRefusal("invalid-name", `a link target is longer than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function extractZip(file: string, target: ExtractionTarget): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { decodeStrings: false, validateEntrySizes: false, strictFileNames: false });
  } catch (error) {
    throw new IntakeRefusal("corrupt-archive", `the .zip archive cannot be read: ${(error as Error).message}`);
  }
  try {
    for await (const entry of zip.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      const madeOnUnix = entry.versionMadeBy >> 8 === 3;
      const mode = madeOnUnix ? (entry.externalFileAttributes >>> 16) & 0xffff : 0;
      const type = mode & S_IFMT;
      if (name.endsWith("/") || type === S_IFDIR) {
        target.addDirectory(name);
        continue;
      }
      if (entry.isEncrypted()) {
        throw new IntakeRefusal("corrupt-archive", `${name} is encrypted; upload an archive without a password`);
      }
      if (type === S_IFLNK) {
        const stream = await zip.openReadStreamPromise(entry);
        target.addSymlink(name, await readAll(stream, MAX_LINK_TARGET_BYTES));
        continue;
      }
      if (madeOnUnix && type !== 0 && type !== S_IFREG) {
        throw new IntakeRefusal("device-file", `${name} is a device, pipe or socket, not a regular file`);
      }
      const stream = await zip.openReadStreamPromise(entry);
      await target.addFile(name, stream, { declaredSize: entry.uncompressedSize, executable: (mode & 0o111) !== 0 });
    }
  } catch (error) {
    if (error instanceof IntakeRefusal) throw error;
    throw new IntakeRefusal("corrupt-archive", `the .zip archive is damaged: ${(error as Error).message}`);
  } finally {
    zip.close();
  }
}

/** Caps the decompressed tar stream itself, so padding or trailing garbage cannot inflate forever. */
function gunzipBudget(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) {
        callback(
          new IntakeRefusal("expanded-size", `the archive expands to more than ${formatBytes(limit)} (stopped while extracting)`),
        );
      } else callback(null, chunk);
    },
  });
}

async function extractTarGz(file: string, target: ExtractionTarget, limits: IntakeLimits): Promise<void> {
  const extract = tar.extract();
  // Tar headers and padding add overhead to the payload the target counts; allow for it generously.
  const budget = gunzipBudget(limits.maxExpandedBytes + 1024 * limits.maxEntries + 1024 * 1024);
  const feed = pipeline(createReadStream(file), createGunzip(), budget, extract);
  const consume = (async () => {
    for await (const entry of extract) {
      const { header } = entry;
      switch (header.type) {
        case "directory":
          target.addDirectory(header.name);
          entry.resume();
          break;
        case "file":
        case "contiguous-file":
          await target.addFile(header.name, entry as unknown as Readable, {
            declaredSize: header.size ?? 0,
            executable: ((header.mode ?? 0) & 0o111) !== 0,
          });
          break;
        case "symlink":
          target.addSymlink(header.name, header.linkname ?? "");
          entry.resume();
          break;
        case "link":
          throw new IntakeRefusal("hard-link", `${header.name} is a hard link; archives may not contain hard links`);
        case "character-device":
        case "block-device":
        case "fifo":
          throw new IntakeRefusal("device-file", `${header.name} is a device or pipe, not a regular file`);
        default:
          throw new IntakeRefusal("corrupt-archive", `${header.name} has an unsupported entry type (${String(header.type)})`);
      }
    }
  })();
  const outcome = await Promise.allSettled([consume, feed]);
  const failure = outcome.find((settled): settled is PromiseRejectedResult => settled.status === "rejected");
  if (failure) {
    const reason = outcome
      .map((settled) => (settled.status === "rejected" ? settled.reason : null))
      .find((error) => error instanceof IntakeRefusal);
    if (reason) throw reason;
    throw new IntakeRefusal("corrupt-archive", `the .tar.gz archive is damaged: ${(failure.reason as Error).message}`);
  }
}

/**
 * Extracts a candidate's archive into `destination` (created, must be empty), enforcing the intake
 * rules while streaming. Refusals are results; only host faults (disk full, permissions) throw.
 */
export async function extractArchive(
  archivePath: string,
  destination: string,
  limits: IntakeLimits = DEFAULT_INTAKE_LIMITS,
): Promise<ExtractResult> {
  const checked = intakeLimitsSchema.parse(limits);
  await mkdir(destination, { recursive: true });
  if ((await readdir(destination)).length > 0) throw new Error(`extraction destination ${destination} is not empty`);
  try {
    const { size } = await stat(archivePath);
    if (size === 0) throw new IntakeRefusal("empty-archive", "the upload is empty (0 bytes)");
    if (size > checked.maxCompressedBytes) {
      throw new IntakeRefusal(
        "compressed-size",
        `the archive is ${formatBytes(size)}; the limit is ${formatBytes(checked.maxCompressedBytes)}`,
      );
    }
    const format = await sniffFormat(archivePath);
    const target = new ExtractionTarget(destination, checked);
    if (format === "zip") await extractZip(archivePath, target);
    else await extractTarGz(archivePath, target, checked);
    const done = await target.finish();
    return { ok: true, format, ...done };
  } catch (error) {
    if (error instanceof IntakeRefusal) return { ok: false, rule: error.rule, message: error.message };
    throw error;
  }
}
