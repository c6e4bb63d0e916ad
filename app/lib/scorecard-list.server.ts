import { Prisma } from "~/generated/prisma/client";
import type { SubmissionQuery } from "~/domain/scorecard/list-query";
import { toCsv } from "~/domain/scorecard/csv";
import { prisma } from "./db.server";

// The submissions list: one row per invitation, showing its latest attempt and how many attempts
// it has had. Raw SQL because "latest per group" is one DISTINCT ON in PostgreSQL.

export const CSV_ROW_LIMIT = 10_000;

export interface SubmissionRow {
  invitationId: string;
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

const LATEST = Prisma.sql`
  WITH latest AS (
    SELECT DISTINCT ON (s."invitationId")
      s."invitationId", s.attempt, s.status, s."overallScore", s."createdAt",
      count(*) OVER (PARTITION BY s."invitationId")::int AS attempts
    FROM "Submission" s
    ORDER BY s."invitationId", s.attempt DESC
  )`;

const FROM = Prisma.sql`
  FROM latest l
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
    ${LATEST}
    SELECT l."invitationId", i."candidateName", i."candidateEmail", i."assessmentId", a.title AS "assessmentTitle",
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
    prisma.$queryRaw<{ total: number }[]>`${LATEST} SELECT count(*)::int AS total ${FROM} ${whereClause(query)}`,
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

export const CSV_HEADER = [
  "Candidate",
  "Email",
  "Assessment",
  "Job description",
  "Latest attempt",
  "Attempts",
  "Status",
  "Score (%)",
  "Submitted at (UTC)",
  "Scorecard",
];

/** Every row matching the filters (all pages), in the list's order. */
export async function submissionsCsv(query: SubmissionQuery, publicUrl: string): Promise<string> {
  const rows = await selectRows(query, CSV_ROW_LIMIT, 0);
  return toCsv(
    CSV_HEADER,
    rows.map((row) => [
      row.candidateName,
      row.candidateEmail,
      row.assessmentTitle,
      row.jdTitle ?? "",
      row.attempt,
      row.attempts,
      row.status,
      row.overallScore === null ? null : Math.round(row.overallScore * 1000) / 10,
      row.submittedAt,
      `${publicUrl}/scorecards/${row.invitationId}`,
    ]),
  );
}
