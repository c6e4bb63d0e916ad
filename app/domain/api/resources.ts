// The JSON shapes of the public API (and of webhook payloads, which carry the same shapes), built
// from plain rows. The OpenAPI document (openapi.ts) describes exactly these; the integration
// tests check every response against it.
import { clockOf } from "../invitations/clock";
import type { Pause } from "../invitations/grading-faults";
import { invitationStatus, type InvitationStatus } from "../invitations/state";

const iso = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);
const lower = <T extends string>(value: T) => value.toLowerCase() as Lowercase<T>;

function appUrl(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, "")}${path}`;
}

export interface AssessmentRow {
  id: string;
  slug: string;
  title: string;
  level: string;
  version: string;
  timeLimitMinutes: number;
  attemptLimit: number;
  competencyWeights: unknown;
  limits: unknown;
  active: boolean;
}

function numberRecord(value: unknown): Record<string, number> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === "number"));
}

export function assessmentResource(row: AssessmentRow) {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    level: lower(row.level),
    version: row.version,
    timeLimitMinutes: row.timeLimitMinutes,
    attemptLimit: row.attemptLimit,
    active: row.active,
    competencies: Object.entries(numberRecord(row.competencyWeights)).map(([competencyId, weight]) => ({ competencyId, weight })),
    limits: numberRecord(row.limits),
  };
}

export interface JobDescriptionRow {
  id: string;
  slug: string;
  title: string;
  level: string;
  status: string;
  currentVersion: number;
  assessmentId: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function jobDescriptionResource(row: JobDescriptionRow, publicUrl: string) {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    level: lower(row.level),
    status: lower(row.status),
    version: row.currentVersion,
    assessmentId: row.assessmentId,
    publishedAt: iso(row.publishedAt),
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    links: {
      publicPage: row.status === "PUBLISHED" ? appUrl(publicUrl, `/jobs/${row.slug}`) : null,
      pdf: appUrl(publicUrl, `/jds/${row.id}/jd.pdf`),
      markdown: appUrl(publicUrl, `/jds/${row.id}/jd.md`),
      jsonLd: appUrl(publicUrl, `/jds/${row.id}/jd.jsonld`),
    },
  };
}

export interface InvitationRow {
  id: string;
  candidateName: string;
  candidateEmail: string;
  assessmentId: string;
  jobDescriptionId: string | null;
  deadline: Date;
  startedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  extraMinutes: number;
  assessment: { timeLimitMinutes: number; attemptLimit: number };
  clockPauses: readonly Pause[];
  /** Charged attempts only (CHARGED_ATTEMPTS_COUNT). */
  _count: { submissions: number };
}

export function invitationState(row: InvitationRow, now: Date): InvitationStatus {
  return invitationStatus(clockOf(row, row._count.submissions, now), now);
}

export function invitationResource(row: InvitationRow, publicUrl: string, now: Date) {
  return {
    id: row.id,
    candidateName: row.candidateName,
    candidateEmail: row.candidateEmail,
    assessmentId: row.assessmentId,
    jobDescriptionId: row.jobDescriptionId,
    status: invitationState(row, now),
    deadline: iso(row.deadline)!,
    startedAt: iso(row.startedAt),
    revokedAt: iso(row.revokedAt),
    createdAt: iso(row.createdAt)!,
    attemptsUsed: row._count.submissions,
    attemptLimit: row.assessment.attemptLimit,
    scorecardUrl: appUrl(publicUrl, `/scorecards/${row.id}`),
  };
}

export interface SubmissionRow {
  id: string;
  invitationId: string;
  attempt: number;
  status: string;
  failureReason: string | null;
  overallScore: number | null;
  competencyScores: unknown;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  testResults: { visibility: string; outcome: string }[];
}

function competencyScoreList(value: unknown) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, { earned?: unknown; possible?: unknown; score?: unknown }>)
    .filter(([, entry]) => entry && typeof entry.score === "number")
    .map(([competencyId, entry]) => ({
      competencyId,
      score: entry.score as number,
      earned: typeof entry.earned === "number" ? entry.earned : 0,
      possible: typeof entry.possible === "number" ? entry.possible : 0,
    }));
}

function testCounts(results: SubmissionRow["testResults"], visibility: "PUBLIC" | "HIDDEN") {
  const mine = results.filter((result) => result.visibility === visibility);
  return { total: mine.length, passed: mine.filter((result) => result.outcome === "PASSED").length };
}

/** Hidden tests are counted, never named: the API is read by systems candidates may see into. */
export function submissionResource(row: SubmissionRow, publicUrl: string) {
  return {
    id: row.id,
    invitationId: row.invitationId,
    attempt: row.attempt,
    status: lower(row.status),
    failureReason: row.failureReason,
    overallScore: row.overallScore,
    competencyScores: competencyScoreList(row.competencyScores),
    tests: { public: testCounts(row.testResults, "PUBLIC"), hidden: testCounts(row.testResults, "HIDDEN") },
    createdAt: iso(row.createdAt)!,
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    reportUrl: appUrl(publicUrl, `/scorecards/${row.invitationId}`),
  };
}

/** The select both the API and the grading worker use, so a webhook and a GET agree. */
export const SUBMISSION_SELECT = {
  id: true,
  invitationId: true,
  attempt: true,
  status: true,
  failureReason: true,
  overallScore: true,
  competencyScores: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  testResults: { select: { visibility: true, outcome: true } },
} as const;

export interface ReviewRow {
  id: string;
  recommendation: string | null;
  notes: string;
  submittedAt: Date | null;
  reviewer: { name: string };
  ratings: { competencyId: string; rating: string; note: string }[];
}

export function reviewResource(row: ReviewRow) {
  return {
    id: row.id,
    reviewerName: row.reviewer.name,
    recommendation: row.recommendation ? lower(row.recommendation) : null,
    notes: row.notes,
    submittedAt: iso(row.submittedAt)!,
    ratings: row.ratings.map((rating) => ({ competencyId: rating.competencyId, rating: lower(rating.rating), note: rating.note })),
  };
}
