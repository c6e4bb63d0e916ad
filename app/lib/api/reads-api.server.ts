// Read endpoints: assessments, job descriptions, submissions and scorecards.
import { z } from "zod";
import { page } from "~/domain/api/cursor";
import { assessmentResource, jobDescriptionResource, reviewResource, SUBMISSION_SELECT, submissionResource } from "~/domain/api/resources";
import { prisma } from "../db.server";
import { cursorWhere, listQuery } from "./pagination.server";
import { problems } from "./problem.server";
import { parseOr422, type ApiRoute } from "./router.server";
import { countedAttempt } from "~/domain/scorecard/counted-attempt";

const LEVELS = { junior: "JUNIOR", intermediate: "INTERMEDIATE", senior: "SENIOR" } as const;
const JD_STATUSES = { draft: "DRAFT", published: "PUBLISHED", archived: "ARCHIVED" } as const;
const SUBMISSION_STATUSES = { queued: "QUEUED", building: "BUILDING", running: "RUNNING", graded: "GRADED", failed: "FAILED", error: "ERROR" } as const;

const keys = <T extends Record<string, string>>(record: T) => Object.keys(record) as [keyof T & string, ...(keyof T & string)[]];

const ASSESSMENT_SELECT = {
  id: true,
  slug: true,
  title: true,
  level: true,
  version: true,
  timeLimitMinutes: true,
  attemptLimit: true,
  competencyWeights: true,
  limits: true,
  active: true,
  createdAt: true,
} as const;

const JD_SELECT = {
  id: true,
  slug: true,
  title: true,
  level: true,
  status: true,
  currentVersion: true,
  assessmentId: true,
  publishedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

export const readRoutes: ApiRoute[] = [
  {
    method: "GET",
    path: "/assessments",
    scope: "read",
    async handle(context) {
      const query = parseOr422(listQuery.extend({ level: z.enum(keys(LEVELS)).optional() }), Object.fromEntries(context.query));
      const rows = await prisma.assessment.findMany({
        where: { AND: [cursorWhere(query.cursor), query.level ? { level: LEVELS[query.level] } : {}] },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: query.limit + 1,
        select: ASSESSMENT_SELECT,
      });
      const { items, nextCursor } = page(rows, query.limit);
      return { status: 200, body: { data: items.map(assessmentResource), nextCursor } };
    },
  },
  {
    method: "GET",
    path: "/assessments/{id}",
    scope: "read",
    async handle(context) {
      const row = await prisma.assessment.findFirst({ where: { OR: [{ id: context.params.id }, { slug: context.params.id }] }, select: ASSESSMENT_SELECT });
      if (!row) throw problems.notFound(`There is no assessment with id ${context.params.id}.`);
      return { status: 200, body: assessmentResource(row) };
    },
  },
  {
    method: "GET",
    path: "/job-descriptions",
    scope: "read",
    async handle(context) {
      const query = parseOr422(listQuery.extend({ status: z.enum(keys(JD_STATUSES)).optional(), level: z.enum(keys(LEVELS)).optional() }), Object.fromEntries(context.query));
      const rows = await prisma.jobDescription.findMany({
        where: {
          AND: [cursorWhere(query.cursor), query.status ? { status: JD_STATUSES[query.status] } : {}, query.level ? { level: LEVELS[query.level] } : {}],
        },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: query.limit + 1,
        select: JD_SELECT,
      });
      const { items, nextCursor } = page(rows, query.limit);
      return { status: 200, body: { data: items.map((row) => jobDescriptionResource(row, context.publicUrl)), nextCursor } };
    },
  },
  {
    method: "GET",
    path: "/job-descriptions/{id}",
    scope: "read",
    async handle(context) {
      const row = await prisma.jobDescription.findFirst({ where: { OR: [{ id: context.params.id }, { slug: context.params.id }] }, select: JD_SELECT });
      if (!row) throw problems.notFound(`There is no job description with id ${context.params.id}.`);
      return { status: 200, body: jobDescriptionResource(row, context.publicUrl) };
    },
  },
  {
    method: "GET",
    path: "/submissions",
    scope: "read",
    async handle(context) {
      const query = parseOr422(
        listQuery.extend({ invitationId: z.string().max(100).optional(), assessmentId: z.string().max(100).optional(), status: z.enum(keys(SUBMISSION_STATUSES)).optional() }),
        Object.fromEntries(context.query),
      );
      const rows = await prisma.submission.findMany({
        where: {
          AND: [
            cursorWhere(query.cursor),
            query.invitationId ? { invitationId: query.invitationId } : {},
            query.assessmentId ? { invitation: { assessmentId: query.assessmentId } } : {},
            query.status ? { status: SUBMISSION_STATUSES[query.status] } : {},
          ],
        },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: query.limit + 1,
        select: SUBMISSION_SELECT,
      });
      const { items, nextCursor } = page(rows, query.limit);
      return { status: 200, body: { data: items.map((row) => submissionResource(row, context.publicUrl)), nextCursor } };
    },
  },
  {
    method: "GET",
    path: "/submissions/{id}",
    scope: "read",
    async handle(context) {
      const row = await prisma.submission.findUnique({ where: { id: context.params.id }, select: SUBMISSION_SELECT });
      if (!row) throw problems.notFound(`There is no submission with id ${context.params.id}.`);
      return { status: 200, body: submissionResource(row, context.publicUrl) };
    },
  },
  {
    method: "GET",
    path: "/scorecards/{invitationId}",
    scope: "read",
    async handle(context) {
      const invitation = await prisma.invitation.findUnique({
        where: { id: context.params.invitationId },
        select: {
          id: true,
          candidateName: true,
          assessmentId: true,
          jobDescriptionId: true,
          submissions: { orderBy: { attempt: "desc" }, select: SUBMISSION_SELECT },
          scorecard: {
            select: {
              // Drafts stay private to their author: only submitted reviews leave Hirekit.
              reviews: { where: { submittedAt: { not: null } }, orderBy: { submittedAt: "asc" }, include: { reviewer: { select: { name: true } }, ratings: { orderBy: { competencyId: "asc" } } } },
            },
          },
        },
      });
      if (!invitation) throw problems.notFound(`There is no invitation with id ${context.params.invitationId}.`);
      const submissions = invitation.submissions.map((row) => submissionResource(row, context.publicUrl));
      const counted = countedAttempt(invitation.submissions);
      return {
        status: 200,
        body: {
          invitationId: invitation.id,
          candidateName: invitation.candidateName,
          assessmentId: invitation.assessmentId,
          jobDescriptionId: invitation.jobDescriptionId,
          latestSubmission: submissions[0] ?? null,
          countedSubmission: counted ? submissionResource(counted, context.publicUrl) : null,
          submissions,
          reviews: (invitation.scorecard?.reviews ?? []).map(reviewResource),
          reportUrl: `${context.publicUrl.replace(/\/+$/, "")}/scorecards/${invitation.id}`,
        },
      };
    },
  },
];
