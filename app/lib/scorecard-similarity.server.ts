import { z } from "zod";
import { prisma } from "./db.server";
import { submissionCode } from "./scorecard-code.server";

// What the similarity check found for one attempt: matches recorded when this attempt was
// checked (against earlier ones) and when a later attempt of another candidate was checked
// against this one.

const regionSchema = z.object({ file: z.string(), from: z.number().int(), to: z.number().int() });
const regionsSchema = z.array(z.object({ a: regionSchema, b: regionSchema, shared: z.number() })).catch([]);

export interface SimilarityMatchView {
  otherInvitationId: string;
  otherCandidate: string;
  otherAttempt: number;
  score: number;
  shared: number;
  /** `mine` is this attempt's side, `theirs` the other candidate's. */
  regions: { mine: z.infer<typeof regionSchema>; theirs: z.infer<typeof regionSchema>; shared: number }[];
}

export interface SimilaritySummary {
  checked: boolean;
  matches: SimilarityMatchView[];
}

export async function similarityFor(submissionId: string): Promise<SimilaritySummary> {
  const other = { select: { attempt: true, invitationId: true, invitation: { select: { candidateName: true } } } } as const;
  const [fingerprint, outgoing, incoming] = await Promise.all([
    prisma.similarityFingerprint.findUnique({ where: { submissionId }, select: { submissionId: true } }),
    prisma.similarityMatch.findMany({ where: { submissionId }, include: { other } }),
    prisma.similarityMatch.findMany({ where: { otherSubmissionId: submissionId }, include: { submission: other } }),
  ]);
  const matches: SimilarityMatchView[] = [
    ...outgoing.map((m) => ({
      otherInvitationId: m.other.invitationId,
      otherCandidate: m.other.invitation.candidateName,
      otherAttempt: m.other.attempt,
      score: m.score,
      shared: m.shared,
      regions: regionsSchema.parse(m.regions).map((r) => ({ mine: r.a, theirs: r.b, shared: r.shared })),
    })),
    ...incoming.map((m) => ({
      otherInvitationId: m.submission.invitationId,
      otherCandidate: m.submission.invitation.candidateName,
      otherAttempt: m.submission.attempt,
      score: m.score,
      shared: m.shared,
      regions: regionsSchema.parse(m.regions).map((r) => ({ mine: r.b, theirs: r.a, shared: r.shared })),
    })),
  ].sort((a, b) => b.score - a.score);
  return { checked: fingerprint !== null, matches };
}

const CONTEXT = 2;
const MAX_LINES = 60;

/** The lines of a region, with a little context, from a submission's stored archive. */
export async function regionLines(
  submission: { archivePath: string; archiveSha256: string },
  region: { file: string; from: number; to: number },
): Promise<{ from: number; lines: string[] }> {
  const code = await submissionCode(submission);
  const file = code.files.find((f) => f.path === region.file);
  if (!file?.text) return { from: region.from, lines: [] };
  const from = Math.max(1, region.from - CONTEXT);
  const all = file.text.split("\n");
  const to = Math.min(all.length, region.to + CONTEXT + 8, from + MAX_LINES - 1);
  return { from, lines: all.slice(from - 1, to) };
}
