import type { Level } from "~/domain/catalog/levels";
import { parseJdDocument, type JdDocument } from "~/domain/jd/document";
import { COMPETENCY_NAMES } from "~/domain/jd/competency-names";
import { isCompetencyId } from "~/domain/catalog/competency-ids";
import { competencyRows, competencyScores, type CompetencyInfo, type CompetencyRow } from "~/domain/scorecard/competencies";
import { coverageFor, coverageWarnings, type Coverage } from "~/domain/scorecard/coverage";
import { evidenceView, type CappedText, type EvidenceView } from "~/domain/scorecard/evidence";
import { stageTimings, type StageTiming } from "~/domain/scorecard/timings";
import { visibleReviews } from "~/domain/scorecard/visibility";
import type { RatingValue } from "~/domain/scorecard/ratings";
import { rubricFor, type Rubric } from "~/domain/scorecard/rubric";
import { histogram, percentileOf, PERCENTILE_MIN_COUNT } from "~/domain/scorecard/percentile";
import { COUNTED_STATUS, countedAttempt } from "~/domain/scorecard/counted-attempt";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "./db.server";
import { similarityFor, type SimilaritySummary } from "./scorecard-similarity.server";

// Everything a scorecard shows, read in a handful of queries and turned into a plain view model
// the page, the PDF and the comparison share.

export const LOG_CAP = 20_000;

export class ScorecardNotFound extends Error {}

/**
 * countedAttempt for SQL: ordering a DISTINCT ON group of submissions (alias s) by this puts the
 * attempt that counts first.
 */
export const COUNTED_ATTEMPT_FIRST = Prisma.sql`(s.status::text = ${COUNTED_STATUS}) DESC, s.attempt DESC`;

export interface Viewer {
  id: string;
  canReview: boolean;
}

export interface AttemptSummary {
  attempt: number;
  status: string;
  overallScore: number | null;
  createdAt: string;
  finishedAt: string | null;
  failureReason: string | null;
}

export interface TestRow {
  testId: string;
  title: string;
  competencyId: string;
  competencyName: string;
  points: number;
  visibility: "PUBLIC" | "HIDDEN";
  outcome: "PASSED" | "FAILED" | "ERROR";
  message: string | null;
  durationMs: number;
  evidence: EvidenceView;
}

export interface ReviewView {
  id: string;
  reviewerId: string;
  reviewerName: string;
  recommendation: RatingValue | null;
  notes: string;
  submittedAt: string | null;
  updatedAt: string;
  ratings: Record<string, { rating: RatingValue; note: string }>;
  comments: ReviewCommentView[];
}

export interface ReviewCommentView {
  id: string;
  submissionId: string;
  /** The attempt the commented code belongs to. */
  attempt: number;
  path: string;
  line: number | null;
  body: string;
}

export interface ScorecardCore {
  invitation: { id: string; candidateName: string; candidateEmail: string; deadline: string; createdAt: string };
  assessment: { id: string; slug: string; title: string; level: Level; weights: Record<string, number> };
  jd: { id: string; title: string; level: Level; version: number; document: JdDocument | null; problem: string | null } | null;
  attempts: AttemptSummary[];
  /** The attempt that counts (the latest graded one); null without attempts. */
  countedAttempt: number | null;
  selected: AttemptSummary | null;
  competencies: CompetencyRow[];
  coverage: Coverage | null;
  coverageWarnings: string[];
  reviews: { own: ReviewView | null; others: ReviewView[]; hiddenCount: number };
  /** Per competency, what each rating means at the JD's level (the assessment's without a JD). */
  rubrics: Record<string, Rubric>;
}

export interface ScoreContext {
  /** Candidates graded on this assessment (latest graded attempt each). */
  count: number;
  minCount: number;
  /** Null below minCount or without a score. */
  percentile: number | null;
  bins: number[];
}

export interface ScorecardDetail extends ScorecardCore {
  context: ScoreContext;
  /** Null without a submission. */
  similarity: SimilaritySummary | null;
  tests: TestRow[];
  buildLog: CappedText | null;
  runLog: CappedText | null;
  timings: StageTiming[];
}

export function competencyName(id: string, names: ReadonlyMap<string, string> = new Map()): string {
  return names.get(id) ?? (isCompetencyId(id) ? COMPETENCY_NAMES[id] : id);
}

function weightsOf(raw: unknown): Record<string, number> {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw).filter((entry): entry is [string, number] => typeof entry[1] === "number"));
}

/** The tail matters most in a log: that is where a build or a crash says what went wrong. */
function capLog(log: string | null): CappedText | null {
  if (!log) return null;
  if (log.length <= LOG_CAP) return { text: log, omitted: 0 };
  return { text: log.slice(log.length - LOG_CAP), omitted: log.length - LOG_CAP };
}

const EXPECTATION_FIELD = { JUNIOR: "juniorExpectation", INTERMEDIATE: "intermediateExpectation", SENIOR: "seniorExpectation" } as const;

type InfoLookup = ((id: string) => CompetencyInfo) & { rubric: (id: string) => Rubric | null };

/** Names, expectations and rubrics come from the catalog rows: one source for every screen and export. */
async function competencyInfo(ids: string[], level: Level | null, rubricLevel: Level): Promise<InfoLookup> {
  const rows = ids.length ? await prisma.competency.findMany({ where: { id: { in: ids } } }) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const info = (id: string): CompetencyInfo => {
    const row = byId.get(id);
    return { name: row?.name ?? competencyName(id), expectation: row && level ? row[EXPECTATION_FIELD[level]] : null };
  };
  return Object.assign(info, {
    rubric: (id: string) => {
      const row = byId.get(id);
      if (!row) return null;
      return rubricFor(rubricLevel, { junior: row.juniorExpectation, intermediate: row.intermediateExpectation, senior: row.seniorExpectation });
    },
  });
}

async function loadInvitation(invitationId: string) {
  const invitation = await prisma.invitation.findUnique({
    where: { id: invitationId },
    include: {
      assessment: { select: { id: true, slug: true, title: true, level: true, competencyWeights: true } },
      jobDescription: { select: { id: true, title: true, level: true, currentVersion: true } },
      submissions: {
        orderBy: { attempt: "asc" },
        select: { id: true, attempt: true, status: true, overallScore: true, createdAt: true, finishedAt: true, failureReason: true, competencyScores: true, gradingProvenance: true },
      },
      scorecard: {
        include: {
          reviews: {
            orderBy: { createdAt: "asc" },
            include: {
              reviewer: { select: { name: true } },
              ratings: { select: { competencyId: true, rating: true, note: true } },
              comments: { orderBy: [{ path: "asc" }, { line: "asc" }, { createdAt: "asc" }], select: { id: true, submissionId: true, path: true, line: true, body: true } },
            },
          },
        },
      },
    },
  });
  if (!invitation) throw new ScorecardNotFound(`There is no invitation with id ${invitationId}.`);
  return invitation;
}

async function loadJd(jd: { id: string; title: string; level: Level; currentVersion: number } | null): Promise<ScorecardCore["jd"]> {
  if (!jd) return null;
  const version = await prisma.jobDescriptionVersion.findUnique({
    where: { jobDescriptionId_number: { jobDescriptionId: jd.id, number: jd.currentVersion } },
    select: { content: true },
  });
  const base = { id: jd.id, title: jd.title, level: jd.level, version: jd.currentVersion };
  if (!version) return { ...base, document: null, problem: `Version ${jd.currentVersion} of the job description is missing.` };
  try {
    return { ...base, document: parseJdDocument(version.content), problem: null };
  } catch (error) {
    return { ...base, document: null, problem: (error as Error).message };
  }
}

function attemptSummary(submission: {
  attempt: number;
  status: string;
  overallScore: number | null;
  createdAt: Date;
  finishedAt: Date | null;
  failureReason: string | null;
}): AttemptSummary {
  return {
    attempt: submission.attempt,
    status: submission.status,
    overallScore: submission.overallScore,
    createdAt: submission.createdAt.toISOString(),
    finishedAt: submission.finishedAt?.toISOString() ?? null,
    failureReason: submission.failureReason,
  };
}

type LoadedInvitation = Awaited<ReturnType<typeof loadInvitation>>;

function reviewViews(invitation: LoadedInvitation, viewer: Viewer): ScorecardCore["reviews"] {
  const attemptOf = new Map(invitation.submissions.map((s) => [s.id, s.attempt]));
  const reviews: ReviewView[] = (invitation.scorecard?.reviews ?? []).map((review) => ({
    id: review.id,
    reviewerId: review.reviewerId,
    reviewerName: review.reviewer.name,
    recommendation: review.recommendation,
    notes: review.notes,
    submittedAt: review.submittedAt?.toISOString() ?? null,
    updatedAt: review.updatedAt.toISOString(),
    ratings: Object.fromEntries(review.ratings.map((r) => [r.competencyId, { rating: r.rating, note: r.note }])),
    comments: review.comments.map((c) => ({ ...c, attempt: attemptOf.get(c.submissionId) ?? 0 })),
  }));
  return visibleReviews(reviews, viewer);
}

interface TestResultLike {
  testId: string;
  title: string;
  competencyId: string;
  points: number;
  visibility: "PUBLIC" | "HIDDEN";
  outcome: "PASSED" | "FAILED" | "ERROR";
  message: string | null;
  durationMs: number;
  evidence: unknown;
}

async function buildCore(
  invitation: LoadedInvitation,
  submission: LoadedInvitation["submissions"][number] | undefined,
  jd: ScorecardCore["jd"],
  viewer: Viewer,
  tests: TestResultLike[],
) {
  const weights = weightsOf(invitation.assessment.competencyWeights);
  const scores = submission ? competencyScores(submission.competencyScores, tests) : {};
  const document = jd?.document ?? null;
  const ids = new Set([...Object.keys(weights), ...Object.keys(scores), ...tests.map((t) => t.competencyId)]);
  for (const section of document?.sections ?? []) for (const item of section.items) if (item.competencyId) ids.add(item.competencyId);
  const level = document?.level ?? jd?.level ?? null;
  const info = await competencyInfo([...ids], level, level ?? invitation.assessment.level);
  const competencies = competencyRows({ jd: document, weights, scores, tests, info });
  const testedIds = tests.length ? [...new Set(tests.map((t) => t.competencyId))] : Object.keys(weights).filter((id) => weights[id] > 0);
  const coverage = document ? coverageFor(document, weights, testedIds) : null;
  const core: ScorecardCore = {
    invitation: {
      id: invitation.id,
      candidateName: invitation.candidateName,
      candidateEmail: invitation.candidateEmail,
      deadline: invitation.deadline.toISOString(),
      createdAt: invitation.createdAt.toISOString(),
    },
    assessment: { ...invitation.assessment, weights },
    jd,
    attempts: invitation.submissions.map(attemptSummary),
    countedAttempt: countedAttempt(invitation.submissions)?.attempt ?? null,
    selected: submission ? attemptSummary(submission) : null,
    competencies,
    coverage,
    coverageWarnings: coverage ? coverageWarnings(coverage, (id) => info(id).name) : [],
    reviews: reviewViews(invitation, viewer),
    rubrics: Object.fromEntries(competencies.flatMap((c) => {
      const rubric = info.rubric(c.id);
      return rubric ? [[c.id, rubric] as const] : [];
    })),
  };
  return { core, submissionId: submission?.id ?? null, info };
}

/** The assessment version that graded a result, from the provenance the runner saves with it. */
function gradedVersion(provenance: unknown): string | null {
  const version = (provenance as { assessment?: { version?: unknown } } | null)?.assessment?.version;
  return typeof version === "string" ? version : null;
}

/**
 * The candidate's overall score among everyone graded on the same assessment version: each
 * candidate's counted attempt. Results saved before provenance was recorded name no version;
 * for those the cohort is the whole assessment.
 */
async function scoreContext(assessmentId: string, version: string | null, score: number | null | undefined): Promise<ScoreContext> {
  const sameVersion = version === null ? Prisma.empty : Prisma.sql`AND s."gradingProvenance"->'assessment'->>'version' = ${version}`;
  const rows = await prisma.$queryRaw<{ score: number }[]>`
    SELECT DISTINCT ON (s."invitationId") s."overallScore" AS score
    FROM "Submission" s JOIN "Invitation" i ON i.id = s."invitationId"
    WHERE i."assessmentId" = ${assessmentId} AND s.status::text = ${COUNTED_STATUS} AND s."overallScore" IS NOT NULL ${sameVersion}
    ORDER BY s."invitationId", ${COUNTED_ATTEMPT_FIRST}`;
  const scores = rows.map((row) => row.score);
  return {
    count: scores.length,
    minCount: PERCENTILE_MIN_COUNT,
    percentile: score === null || score === undefined ? null : percentileOf(score, scores),
    bins: histogram(scores),
  };
}

/** The full scorecard of one invitation at one attempt (the counted one when none is given). */
export async function loadScorecard(invitationId: string, viewer: Viewer, attempt?: number): Promise<ScorecardDetail> {
  const invitation = await loadInvitation(invitationId);
  const submission = attempt === undefined ? countedAttempt(invitation.submissions) : invitation.submissions.find((s) => s.attempt === attempt);
  if (attempt !== undefined && !submission) throw new ScorecardNotFound(`This candidate has no attempt ${attempt}.`);
  const [details, jd] = await Promise.all([
    submission
      ? prisma.submission.findUniqueOrThrow({
          where: { id: submission.id },
          select: {
            buildLog: true,
            runLog: true,
            stageTimings: true,
            testResults: {
              orderBy: [{ competencyId: "asc" }, { testId: "asc" }],
              select: { testId: true, title: true, competencyId: true, points: true, visibility: true, outcome: true, message: true, durationMs: true, evidence: true },
            },
          },
        })
      : null,
    loadJd(invitation.jobDescription),
  ]);
  const tests = details?.testResults ?? [];
  const [{ core, info }, context, similarity] = await Promise.all([
    buildCore(invitation, submission, jd, viewer, tests),
    scoreContext(invitation.assessment.id, gradedVersion(submission?.gradingProvenance), submission?.status === "GRADED" ? submission.overallScore : null),
    submission ? similarityFor(submission.id) : null,
  ]);
  return {
    ...core,
    context,
    similarity,
    tests: tests.map((test) => ({ ...test, competencyName: info(test.competencyId).name, evidence: evidenceView(test.evidence) })),
    buildLog: capLog(details?.buildLog ?? null),
    runLog: capLog(details?.runLog ?? null),
    timings: stageTimings(details?.stageTimings),
  };
}

/** The counted attempt's scores and the visible reviews, without evidence or logs. */
export async function loadScorecardSummary(invitationId: string, viewer: Viewer): Promise<ScorecardCore> {
  const invitation = await loadInvitation(invitationId);
  const counted = countedAttempt(invitation.submissions);
  const [tests, jd] = await Promise.all([
    counted
      ? prisma.testResult.findMany({
          where: { submissionId: counted.id },
          select: { testId: true, title: true, competencyId: true, points: true, visibility: true, outcome: true, message: true, durationMs: true },
        })
      : [],
    loadJd(invitation.jobDescription),
  ]);
  const { core } = await buildCore(
    invitation,
    counted,
    jd,
    viewer,
    tests.map((t) => ({ ...t, evidence: null })),
  );
  return core;
}

