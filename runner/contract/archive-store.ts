// Where a submission's uploaded archive is kept, shared by the web app (which stores it) and every
// worker (which reads it). The default keeps the bytes in PostgreSQL (SubmissionArchive, capped at
// the upload limit), so a worker on another host or with another DATA_DIR can grade it. A
// submission's `archivePath` holds a reference: "db:<submissionId>" for the database, or the file
// path older rows were saved with (still read from the disk they were written to).
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";

const DB_PREFIX = "db:";

/** A local copy of an archive for the extractor; release() removes it when it was made for the caller. */
export interface ArchiveFile {
  path: string;
  release(): Promise<void>;
}

export interface ArchiveStore {
  /** The reference to save in the submission's archivePath. */
  reference(submissionId: string): string;
  /** Keeps the bytes inside the transaction that creates the submission (after its row). */
  put(tx: Prisma.TransactionClient, submissionId: string, bytes: Buffer): Promise<void>;
  /** The archive's bytes, or null when nothing is stored under the reference. */
  read(reference: string): Promise<Buffer | null>;
  /** The archive as a local file (a temporary copy for database references; the extractor reads its magic bytes). */
  open(reference: string): Promise<ArchiveFile | null>;
}

export function isDatabaseReference(reference: string): boolean {
  return reference.startsWith(DB_PREFIX);
}

export function databaseArchiveStore(prisma: PrismaClient): ArchiveStore {
  const read = async (reference: string): Promise<Buffer | null> => {
    if (!isDatabaseReference(reference)) return readFile(reference).catch(() => null);
    const row = await prisma.submissionArchive.findUnique({ where: { submissionId: reference.slice(DB_PREFIX.length) }, select: { bytes: true } });
    return row ? Buffer.from(row.bytes) : null;
  };
  return {
    reference: (submissionId) => `${DB_PREFIX}${submissionId}`,
    async put(tx, submissionId, bytes) {
      await tx.submissionArchive.create({ data: { submissionId, bytes: new Uint8Array(bytes) } });
    },
    read,
    async open(reference) {
      if (!isDatabaseReference(reference)) return { path: reference, release: async () => undefined };
      const bytes = await read(reference);
      if (!bytes) return null;
      const dir = await mkdtemp(path.join(tmpdir(), "hirekit-archive-"));
      const file = path.join(dir, "archive");
      await writeFile(file, bytes, { mode: 0o600 });
      return { path: file, release: () => rm(dir, { recursive: true, force: true }) };
    },
  };
}
