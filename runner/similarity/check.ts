import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { SimilarityIndex, matchingRegions } from "~/domain/similarity/compare";
import { fingerprintFiles, hashSet, withoutBaseline, type Fingerprint, type Print } from "~/domain/similarity/fingerprint";
import { databaseArchiveStore } from "../contract/archive-store";
import { extractArchive } from "../intake/extract";
import { readSourceFiles } from "./sources";

// One similarity check: fingerprint a graded submission (minus the assessment's starter and
// reference), store the fingerprints, and compare them with every other candidate's stored
// submission of the same assessment. A pair is stored once, under its later submission, so the
// result does not depend on the order checks run in. Only fingerprints are stored, so a check
// reads other submissions' prints, never their archives.

export type CheckOutcome = { status: "checked"; prints: number; matches: number } | { status: "skipped"; reason: string };

const baselines = new Map<string, Promise<Set<number>>>();

/** The starter's and the reference's fingerprints: code every candidate got or was measured against. */
export function baselineFor(assessmentsDir: string, slug: string): Promise<Set<number>> {
  const key = path.join(assessmentsDir, slug);
  let pending = baselines.get(key);
  if (!pending) {
    pending = Promise.all([readSourceFiles(path.join(key, "starter")), readSourceFiles(path.join(key, "reference"))]).then(
      ([starter, reference]) => new Set([...hashSet(fingerprintFiles(starter)), ...hashSet(fingerprintFiles(reference))]),
    );
    baselines.set(key, pending);
    pending.catch(() => baselines.delete(key));
  }
  return pending;
}

async function fingerprintArchive(prisma: PrismaClient, archivePath: string): Promise<Fingerprint | string> {
  const archive = await databaseArchiveStore(prisma).open(archivePath);
  if (!archive) return "it is no longer stored";
  const dir = await mkdtemp(path.join(tmpdir(), "hirekit-similarity-"));
  try {
    const result = await extractArchive(archive.path, path.join(dir, "src"));
    if (!result.ok) return result.message;
    return fingerprintFiles(await readSourceFiles(result.root));
  } finally {
    await rm(dir, { recursive: true, force: true });
    await archive.release();
  }
}

interface StoredPrints {
  submissionId: string;
  invitationId: string;
  createdAt: Date;
  hashes: number[];
  files: string[];
  prints: Prisma.JsonValue;
}

export async function checkSimilarity(prisma: PrismaClient, submissionId: string, assessmentsDir: string): Promise<CheckOutcome> {
  const submission = await prisma.submission.findUnique({
    where: { id: submissionId },
    select: { status: true, archivePath: true, createdAt: true, invitationId: true, invitation: { select: { assessmentId: true, assessment: { select: { slug: true } } } } },
  });
  if (!submission) return { status: "skipped", reason: "the submission no longer exists" };
  if (submission.status !== "GRADED") return { status: "skipped", reason: `the submission is ${submission.status}, not GRADED` };
  const raw = await fingerprintArchive(prisma, submission.archivePath);
  if (typeof raw === "string") return { status: "skipped", reason: `the archive cannot be read: ${raw}` };
  const fingerprint = withoutBaseline(raw, await baselineFor(assessmentsDir, submission.invitation.assessment.slug));
  const hashes = [...hashSet(fingerprint)];
  const assessmentId = submission.invitation.assessmentId;

  const others = hashes.length
    ? await prisma.$queryRaw<StoredPrints[]>`
        SELECT f."submissionId", f."invitationId", s."createdAt", f.hashes, f.files, f.prints
        FROM "SimilarityFingerprint" f JOIN "Submission" s ON s.id = f."submissionId"
        WHERE f."assessmentId" = ${assessmentId} AND f."invitationId" <> ${submission.invitationId}
          AND f.hashes && ${hashes}::int[]`
    : [];
  const index = new SimilarityIndex();
  for (const row of others) index.add({ submissionId: row.submissionId, ownerId: row.invitationId, hashes: new Set(row.hashes) });
  const matches = index.query(new Set(hashes), submission.invitationId);
  const byId = new Map(others.map((row) => [row.submissionId, row]));

  await prisma.$transaction(async (tx) => {
    const data = { assessmentId, invitationId: submission.invitationId, hashes, files: fingerprint.files, prints: fingerprint.prints as unknown as Prisma.InputJsonValue };
    await tx.similarityFingerprint.upsert({ where: { submissionId }, create: { submissionId, ...data }, update: data });
    await tx.similarityMatch.deleteMany({ where: { OR: [{ submissionId }, { otherSubmissionId: submissionId }] } });
    if (matches.length) {
      await tx.similarityMatch.createMany({
        data: matches.map((match) => {
          const other = byId.get(match.submissionId)!;
          const otherPrints: Fingerprint = { files: other.files, prints: other.prints as unknown as Print[] };
          const thisIsLater = submission.createdAt >= other.createdAt;
          const [later, earlier] = thisIsLater ? [fingerprint, otherPrints] : [otherPrints, fingerprint];
          return {
            submissionId: thisIsLater ? submissionId : other.submissionId,
            otherSubmissionId: thisIsLater ? other.submissionId : submissionId,
            score: match.score,
            shared: match.shared,
            regions: matchingRegions(later, earlier) as unknown as Prisma.InputJsonValue,
          };
        }),
      });
    }
  });
  return { status: "checked", prints: hashes.length, matches: matches.length };
}
