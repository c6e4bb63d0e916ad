// Idempotency-Key on POST: an ATS retries after a time-out, and the retry must not invite the
// candidate twice. The first request with a key stores its answer; the same key with the same
// body gets that answer again; the same key with another body is refused with 422.
import { createHash } from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "../db.server";
import { problems } from "./problem.server";

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Stored answers (which may hold a candidate link) are kept this long, then purged. */
const KEY_LIFETIME_MS = 24 * 3600_000;
/** A request still "in progress" after this long died with its process: its key is free again. */
const ABANDONED_AFTER_MS = 60_000;

export interface StoredAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** Key order in the JSON body does not make it another body. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash("sha256").update(JSON.stringify([method, path, canonical(body)])).digest("hex");
}

export function parseIdempotencyKey(header: string | null): string | null {
  if (header === null) return null;
  if (!KEY_PATTERN.test(header)) throw problems.badRequest("Idempotency-Key must be 1 to 255 visible ASCII characters.");
  return header;
}

async function claim(tokenId: string, key: string, fingerprint: string): Promise<string | null> {
  try {
    return (await prisma.apiIdempotencyKey.create({ data: { tokenId, key, requestHash: fingerprint }, select: { id: true } })).id;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return null;
    throw error;
  }
}

function storedHeaders(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/**
 * Runs `work` once per (token, key). Answers with status 5xx are not stored (the retry should run
 * again), and neither is a thrown error.
 */
export async function withIdempotency(
  tokenId: string,
  key: string,
  fingerprint: string,
  work: () => Promise<StoredAnswer>,
  now = new Date(),
): Promise<StoredAnswer & { replayed: boolean }> {
  // Every expired answer goes, not only this key's: a stored answer may hold a candidate link.
  await prisma.apiIdempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - KEY_LIFETIME_MS) } } });
  await prisma.apiIdempotencyKey.deleteMany({ where: { tokenId, key, status: null, createdAt: { lt: new Date(now.getTime() - ABANDONED_AFTER_MS) } } });
  const id = await claim(tokenId, key, fingerprint);
  if (id === null) {
    const existing = await prisma.apiIdempotencyKey.findUnique({ where: { tokenId_key: { tokenId, key } } });
    if (!existing) throw problems.idempotencyInProgress();
    if (existing.requestHash !== fingerprint) throw problems.idempotencyMismatch();
    if (existing.status === null || existing.responseBody === null) throw problems.idempotencyInProgress();
    return { status: existing.status, body: existing.responseBody, headers: storedHeaders(existing.responseHeaders), replayed: true };
  }
  try {
    const answer = await work();
    if (answer.status >= 500) await prisma.apiIdempotencyKey.delete({ where: { id } });
    else await prisma.apiIdempotencyKey.update({ where: { id }, data: { status: answer.status, responseBody: answer.body, responseHeaders: answer.headers } });
    return { ...answer, replayed: false };
  } catch (error) {
    await prisma.apiIdempotencyKey.delete({ where: { id } });
    throw error;
  }
}
