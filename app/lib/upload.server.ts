// Receives a candidate's archive. The size and type are checked while the bytes stream in,
// before anything is kept: the body goes to a temp file under DATA_DIR with a hard byte limit,
// the first bytes must match the archive type the file name claims, and the sha256 is computed
// on the way. Only then does one transaction create the Submission and move the file into place.
import { createHash, randomInt, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { finished } from "node:stream/promises";
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { Prisma } from "~/generated/prisma/client";
import { uploadRefusal, UPLOAD_REFUSAL_MESSAGES } from "~/domain/invitations/state";
import { stripControls } from "~/domain/safe-text";
import { audit } from "./audit.server";
import { clockOf } from "~/domain/invitations/clock";
import { CLOCK_INCLUDE, type CandidateInvitation } from "./candidate.server";
import { getConfig } from "./config.server";
import { isMultipart, withLowerCaseMultipart } from "./form-data.server";
import { prisma } from "./db.server";
import { databaseArchiveStore } from "../../runner/contract/archive-store";

export type ArchiveKind = "zip" | "tar.gz";

export class UploadRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The body was not read to its end, so the connection must not be reused. */
    readonly closeConnection = false,
  ) {
    super(message);
  }
}

export function archiveKindFromName(filename: string): ArchiveKind | null {
  const lower = filename.toLowerCase();
  if (lower.endsWith(".zip")) return "zip";
  if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) return "tar.gz";
  return null;
}

/** Local file header of a zip ("PK\3\4") or the gzip magic (1f 8b). */
export function magicMatches(kind: ArchiveKind, head: Uint8Array): boolean {
  if (kind === "zip") return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

export function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

interface ReceivedFile {
  tempPath: string;
  kind: ArchiveKind;
  size: number;
  sha256: string;
  originalName: string;
}

const FIELD = "archive";
const archiveStore = databaseArchiveStore(prisma);

function tooLarge(max: number): UploadRefused {
  return new UploadRefused(413, `The archive is larger than the ${formatMegabytes(max)} limit. Leave out dependencies and build output (node_modules, target, .venv…).`);
}

/**
 * A refusal found while the body streams in does not abort the request: the rest of the body is
 * read and discarded (up to a cap), so the browser receives the explanation instead of a reset
 * connection.
 */
export function drainCap(max: number): number {
  return Math.max(4 * max, 50 * 1024 * 1024);
}

export class DrainBudget {
  private seen = 0;
  constructor(private readonly cap: number) {}
  count(bytes: number): void {
    this.seen += bytes;
    if (this.seen > this.cap) throw new UploadRefused(413, "The upload is far larger than allowed.", true);
  }
}

async function discard(part: AsyncIterable<Uint8Array>, budget: DrainBudget): Promise<void> {
  for await (const chunk of part) budget.count(chunk.byteLength);
}

async function streamToTemp(
  part: AsyncIterable<Uint8Array>,
  kind: ArchiveKind,
  tempPath: string,
  max: number,
  budget: DrainBudget,
): Promise<{ ok: true; size: number; sha256: string } | { ok: false; refusal: UploadRefused }> {
  const hash = createHash("sha256");
  const out = createWriteStream(tempPath, { flags: "wx", mode: 0o600 });
  // Removing the file before the stream has opened it would let the open re-create it.
  await once(out, "ready");
  let size = 0;
  let head = Buffer.alloc(0);
  let checked = false;
  let refusal: UploadRefused | null = null;
  try {
    for await (const chunk of part) {
      budget.count(chunk.byteLength);
      if (refusal) continue;
      size += chunk.byteLength;
      if (size > max) {
        refusal = tooLarge(max);
        continue;
      }
      if (!checked) {
        head = Buffer.concat([head, chunk]);
        if (head.length >= 4) {
          if (!magicMatches(kind, head)) {
            refusal = new UploadRefused(415, wrongContent(kind));
            continue;
          }
          checked = true;
        }
      }
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
    if (!refusal && !checked && !magicMatches(kind, head)) {
      refusal = size === 0 ? new UploadRefused(400, "The file is empty.") : new UploadRefused(415, wrongContent(kind));
    }
    out.end();
    await finished(out);
  } catch (error) {
    out.destroy();
    await rm(tempPath, { force: true });
    throw error;
  }
  if (refusal) {
    await rm(tempPath, { force: true });
    return { ok: false, refusal };
  }
  return { ok: true, size, sha256: hash.digest("hex") };
}

function wrongContent(kind: ArchiveKind): string {
  return `The file is named like a ${kind === "zip" ? ".zip" : ".tar.gz"} archive but its contents are not one. Upload a real .zip, .tar.gz or .tgz archive.`;
}

/** Parses the multipart body, keeping at most one file (field "archive") in a temp file. */
export async function receiveArchive(request: Request): Promise<ReceivedFile> {
  const { DATA_DIR, UPLOAD_MAX_BYTES } = getConfig();
  const cap = drainCap(UPLOAD_MAX_BYTES);
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > cap) throw new UploadRefused(413, tooLarge(UPLOAD_MAX_BYTES).message, true);
  if (!isMultipart(request.headers.get("content-type"))) {
    throw new UploadRefused(400, "Send the archive as a multipart/form-data upload in the field \"archive\".", true);
  }
  const tempDir = path.resolve(DATA_DIR, "uploads", "tmp");
  await mkdir(tempDir, { recursive: true });
  const budget = new DrainBudget(cap);
  let received: ReceivedFile | null = null;
  let refusal: UploadRefused | null = null;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (name !== FIELD || !filename || received || refusal) {
      if (name === FIELD && filename && received) refusal = new UploadRefused(400, "Upload one archive at a time.");
      await discard(data, budget);
      return undefined;
    }
    const kind = archiveKindFromName(filename);
    if (!kind) {
      refusal = new UploadRefused(415, `"${path.basename(filename)}" is not a .zip, .tar.gz or .tgz file.`);
      await discard(data, budget);
      return undefined;
    }
    const tempPath = path.join(tempDir, `${randomUUID()}.part`);
    const result = await streamToTemp(data, kind, tempPath, UPLOAD_MAX_BYTES, budget);
    if (!result.ok) refusal = result.refusal;
    else received = { tempPath, kind, size: result.size, sha256: result.sha256, originalName: stripControls(path.basename(filename)) };
    return undefined;
  };
  try {
    await unstable_parseMultipartFormData(withLowerCaseMultipart(request), handler);
  } catch (error) {
    const stored = received as ReceivedFile | null;
    if (stored) await rm(stored.tempPath, { force: true });
    if (error instanceof UploadRefused) throw error;
    throw new UploadRefused(400, `The upload could not be read (${(error as Error).message}). Try again.`, true);
  }
  const file = received as ReceivedFile | null;
  const refused = refusal as UploadRefused | null;
  if (refused) {
    if (file) await rm(file.tempPath, { force: true });
    throw refused;
  }
  if (!file) throw new UploadRefused(400, "Choose an archive to upload.");
  return file;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Creates the Submission (attempt = previous + 1) and stores the archive (in the database, where
 * every worker reads it: runner/contract/archive-store.ts) in one transaction. The limits are
 * checked again inside it, so two concurrent uploads cannot
 * both take the last attempt: the unique (invitationId, attempt) refuses the loser.
 */
export async function storeSubmission(invitation: CandidateInvitation, file: ReceivedFile, now = new Date()): Promise<string> {
  const id = randomUUID();
  // Read before the transaction opens: it holds a connection only for the writes.
  const bytes = await readFile(file.tempPath);
  try {
    await prisma.$transaction(async (tx) => {
      const current = await tx.invitation.findUniqueOrThrow({ where: { id: invitation.id }, include: CLOCK_INCLUDE });
      const last = await tx.submission.findFirst({ where: { invitationId: invitation.id }, orderBy: { attempt: "desc" }, select: { attempt: true } });
      // Attempt numbers keep counting; the limit counts only attempts that did not fail on our side.
      const used = await tx.submission.count({ where: { invitationId: invitation.id, status: { not: "ERROR" } } });
      const refusal = uploadRefusal(clockOf(current, used, now), now);
      if (refusal) throw new UploadRefused(refusal === "not-started" ? 409 : 403, UPLOAD_REFUSAL_MESSAGES[refusal]);
      await tx.submission.create({
        data: {
          id,
          invitationId: invitation.id,
          attempt: (last?.attempt ?? 0) + 1,
          status: "QUEUED",
          archiveSha256: file.sha256,
          archiveSize: file.size,
          archivePath: archiveStore.reference(id),
          seed: randomInt(1, 2 ** 31 - 1),
        },
      });
      await audit(tx, {
        actorId: null,
        action: "candidate.upload",
        entityType: "Submission",
        entityId: id,
        data: { invitationId: invitation.id, attempt: (last?.attempt ?? 0) + 1, bytes: file.size, sha256: file.sha256, name: file.originalName },
      });
      await archiveStore.put(tx, id, bytes);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UploadRefused(409, "Another upload for this attempt arrived at the same moment. Reload the page to see it.");
    throw error;
  } finally {
    await rm(file.tempPath, { force: true });
  }
  return id;
}
