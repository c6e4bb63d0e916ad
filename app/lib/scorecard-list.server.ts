import { Prisma } from "~/generated/prisma/client";
import type { SubmissionQuery } from "~/domain/scorecard/list-query";
import { toCsv, type CsvValue } from "~/domain/scorecard/csv";
import { competencyOrder, competencyScores } from "~/domain/scorecard/competencies";
import { RATING_LABELS } from "~/domain/scorecard/ratings";
import { visibleReviews } from "~/domain/scorecard/visibility";
import { COUNTED_ATTEMPT_FIRST, competencyName, type Viewer } from "./scorecard.server";
import { prisma } from "./db.server";

// The submissions list: one row per invitation, showing the attempt that counts (the latest graded
// one) and how many attempts it has had. Raw SQL because "first per group" is one DISTINCT ON in
// PostgreSQL.

export const CSV_ROW_LIMIT = 10_000;

export interface SubmissionRow {
  invitationId: string;
  submissionId: string;
  candidateName: string;
  candidateEmail: string;
  assessmentId: string;
  assessmentTitle: string;
  jobDescriptionId: string | null;
  jdTitle: string | null;
  attempt: number;
  attempts: number;
  status: string;
  /** 0..1 */
  overallScore: number | null;
  submittedAt: Date;
}

type Filters = Pick<SubmissionQuery, "jd" | "assessment" | "status" | "minScore" | "maxScore">;

function whereClause(query: Filters): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (query.jd) conditions.push(Prisma.sql`i."jobDescriptionId" = ${query.jd}`);
  if (query.assessment) conditions.push(Prisma.sql`i."assessmentId" = ${query.assessment}`);
  if (query.status) conditions.push(Prisma.sql`l.status::text = ${query.status}`);
  // Scores are stored as 0..1 and filtered in percent, the unit the page shows.
  if (query.minScore !== undefined) conditions.push(Prisma.sql`l."overallScore" >= ${query.minScore / 100}`);
  if (query.maxScore !== undefined) conditions.push(Prisma.sql`l."overallScore" <= ${query.maxScore / 100}`);
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

const COUNTED = Prisma.sql`
  WITH counted AS (
    SELECT DISTINCT ON (s."invitationId")
      s.id AS "submissionId", s."invitationId", s.attempt, s.status, s."overallScore", s."createdAt",
      count(*) OVER (PARTITION BY s."invitationId")::int AS attempts
    FROM "Submission" s
    ORDER BY s."invitationId", ${COUNTED_ATTEMPT_FIRST}
  )`;

const FROM = Prisma.sql`
  FROM counted l
  JOIN "Invitation" i ON i.id = l."invitationId"
  JOIN "Assessment" a ON a.id = i."assessmentId"
  LEFT JOIN "JobDescription" j ON j.id = i."jobDescriptionId"`;

function orderClause(query: Pick<SubmissionQuery, "sort" | "dir">): Prisma.Sql {
  const dir = Prisma.raw(query.dir === "asc" ? "ASC" : "DESC");
  const column = {
    date: Prisma.sql`l."createdAt"`,
    score: Prisma.sql`l."overallScore"`,
    candidate: Prisma.sql`lower(i."candidateName")`,
  }[query.sort];
  // The invitation id breaks ties, so paging never shows a row twice or skips one.
  return Prisma.sql`ORDER BY ${column} ${dir} NULLS LAST, i.id ASC`;
}

async function selectRows(query: SubmissionQuery, limit: number, offset: number): Promise<SubmissionRow[]> {
  return prisma.$queryRaw<SubmissionRow[]>`
    ${COUNTED}
    SELECT l."invitationId", l."submissionId", i."candidateName", i."candidateEmail", i."assessmentId", a.title AS "assessmentTitle",
      i."jobDescriptionId", j.title AS "jdTitle", l.attempt, l.attempts, l.status::text AS status, l."overallScore",
      l."createdAt" AS "submittedAt"
    ${FROM}
    ${whereClause(query)}
    ${orderClause(query)}
    LIMIT ${limit} OFFSET ${offset}`;
}

export async function listSubmissions(query: SubmissionQuery): Promise<{ rows: SubmissionRow[]; total: number }> {
  const [rows, counted] = await Promise.all([
    selectRows(query, query.pageSize, (query.page - 1) * query.pageSize),
    prisma.$queryRaw<{ total: number }[]>`${COUNTED} SELECT count(*)::int AS total ${FROM} ${whereClause(query)}`,
  ]);
  return { rows, total: counted[0]?.total ?? 0 };
}

export async function listFilterOptions() {
  const [jds, assessments] = await Promise.all([
    prisma.jobDescription.findMany({ select: { id: true, title: true }, orderBy: { title: "asc" } }),
    prisma.assessment.findMany({ select: { id: true, title: true }, orderBy: { title: "asc" } }),
  ]);
  return { jds, assessments };
}

const BASE_HEADER = [
  "Candidate",
  "Email",
  "Assessment",
  "Job description",
  "Counted attempt",
  "Attempts",
  "Status",
  "Score (%)",
  "Submitted at (UTC)",
  "Similarity flag",
  "Scorecard",
];

const percent = (score: number | null | undefined) => (score === null || score === undefined ? null : Math.round(score * 1000) / 10);

/**
 * Every row matching the filters (all pages), in the list's order: one row per candidate with the
 * overall and per-competency scores of the counted attempt, each reviewer's recommendation and
 * ratings ("Not assessed" where they gave none), and the similarity flag. Reviews follow the
 * blind-review rule of the scorecard page for the person exporting.
 */
export async function submissionsCsv(query: SubmissionQuery, publicUrl: string, viewer: Viewer): Promise<string> {
  const rows = await selectRows(query, CSV_ROW_LIMIT, 0);
  const submissionIds = rows.map((row) => row.submissionId);
  const invitationIds = rows.map((row) => row.invitationId);
  const [submissions, scorecards, matches, fingerprints] = await Promise.all([
    prisma.submission.findMany({
      where: { id: { in: submissionIds } },
      select: { id: true, competencyScores: true, testResults: { select: { competencyId: true, points: true, outcome: true } } },
    }),
    prisma.scorecard.findMany({
      where: { invitationId: { in: invitationIds } },
      select: {
        invitationId: true,
        reviews: {
          orderBy: { createdAt: "asc" },
          select: { reviewerId: true, submittedAt: true, recommendation: true, reviewer: { select: { name: true } }, ratings: { select: { competencyId: true, rating: true } } },
        },
      },
    }),
    prisma.similarityMatch.groupBy({ by: ["submissionId"], where: { submissionId: { in: submissionIds } }, _count: { _all: true }, _max: { score: true } }),
    prisma.similarityFingerprint.findMany({ where: { submissionId: { in: submissionIds } }, select: { submissionId: true } }),
  ]);
  const scores = new Map(submissions.map((s) => [s.id, competencyScores(s.competencyScores, s.testResults)]));
  const competencyIds = competencyOrder([...scores.values()].flatMap((byId) => Object.keys(byId)));
  const reviewsOf = new Map(
    scorecards.map((card) => {
      const visible = visibleReviews(card.reviews, viewer);
      return [card.invitationId, [...(visible.own?.submittedAt ? [visible.own] : []), ...visible.others]];
    }),
  );
  const reviewers = new Map<string, string>();
  for (const reviews of reviewsOf.values()) for (const review of reviews) reviewers.set(review.reviewerId, review.reviewer.name);
  const reviewerIds = [...reviewers.keys()].sort((a, b) => reviewers.get(a)!.localeCompare(reviewers.get(b)!));
  const ratingIds = competencyOrder([...competencyIds, ...[...reviewsOf.values()].flat().flatMap((r) => r.ratings.map((x) => x.competencyId))]);
  const names = new Map(
    (await prisma.competency.findMany({ where: { id: { in: ratingIds } }, select: { id: true, name: true } })).map((c) => [c.id, c.name]),
  );
  const nameOf = (id: string) => competencyName(id, names);
  const flags = new Map(matches.map((m) => [m.submissionId, `yes: ${m._count._all} match${m._count._all === 1 ? "" : "es"}, top ${Math.round((m._max.score ?? 0) * 100)} %`]));
  const checked = new Set(fingerprints.map((f) => f.submissionId));

  const header = [
    ...BASE_HEADER,
    ...competencyIds.map((id) => `${nameOf(id)} (%)`),
    ...reviewerIds.flatMap((rid) => [`${reviewers.get(rid)}: recommendation`, ...ratingIds.map((id) => `${reviewers.get(rid)}: ${nameOf(id)}`)]),
  ];
  return toCsv(
    header,
    rows.map((row): CsvValue[] => {
      const byId = scores.get(row.submissionId) ?? {};
      const reviews = reviewsOf.get(row.invitationId) ?? [];
      return [
        row.candidateName,
        row.candidateEmail,
        row.assessmentTitle,
        row.jdTitle ?? "",
        row.attempt,
        row.attempts,
        row.status,
        percent(row.overallScore),
        row.submittedAt,
        flags.get(row.submissionId) ?? (checked.has(row.submissionId) ? "no" : "not checked"),
        `${publicUrl}/scorecards/${row.invitationId}`,
        ...competencyIds.map((id) => percent(byId[id]?.score)),
        ...reviewerIds.flatMap((rid) => {
          const review = reviews.find((r) => r.reviewerId === rid);
          if (!review) return [null, ...ratingIds.map(() => null)];
          const ratings = new Map(review.ratings.map((r) => [r.competencyId, r.rating]));
          return [
            review.recommendation ? RATING_LABELS[review.recommendation] : "",
            ...ratingIds.map((id) => (ratings.has(id) ? RATING_LABELS[ratings.get(id)!] : "Not assessed")),
          ];
        }),
      ];
    }),
  );
}
