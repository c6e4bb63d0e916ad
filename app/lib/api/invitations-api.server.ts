// Invitation endpoints: create one or many (through the same createInvitations the recruiter
// forms use, so emails, audit and the invitation.created webhook are the same), list with
// filters and cursors, get, revoke, extend.
import { z } from "zod";
import { encodeCursor, page } from "~/domain/api/cursor";
import { invitationResource, invitationState } from "~/domain/api/resources";
import { STATUS_FILTERS } from "~/domain/invitations/state";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "../db.server";
import { createInvitations, extendInvitation, InvitationError, revokeInvitation, statusWhere } from "../invitations.server";
import { cursorWhere, listQuery } from "./pagination.server";
import { ApiProblem, problems } from "./problem.server";
import { parseOr422, type ApiContext, type ApiRoute } from "./router.server";
import { INVITATION_RESOURCE_INCLUDE } from "../../../runner/contract/charged-attempts";

const DAY_MS = 86_400_000;

const futureDate = z.iso
  .datetime({ offset: true, error: "Use an RFC 3339 date-time such as 2030-01-31T17:00:00Z" })
  .transform((value) => new Date(value))
  .refine((date) => date.getTime() > Date.now(), "The deadline must be in the future");

const email = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address").max(254));
const name = z.string().trim().min(1, "Enter the candidate's name").max(200);

export const CreateInvitationBody = z.strictObject({
  candidateName: name,
  candidateEmail: email,
  assessmentId: z.string().trim().min(1).max(100),
  jobDescriptionId: z.string().trim().min(1).max(100).nullable().optional(),
  deadline: futureDate.optional(),
});

export const CreateInvitationsBody = z.strictObject({
  assessmentId: z.string().trim().min(1).max(100),
  jobDescriptionId: z.string().trim().min(1).max(100).nullable().optional(),
  deadline: futureDate.optional(),
  candidates: z
    .array(z.strictObject({ candidateName: name, candidateEmail: email, deadline: futureDate.optional() }))
    .min(1, "Send at least one candidate")
    .max(100, "Send at most 100 candidates per request"),
});

export const ExtendInvitationBody = z.strictObject({ deadline: futureDate });

export const InvitationListQuery = listQuery.extend({
  assessmentId: z.string().max(100).optional(),
  jobDescriptionId: z.string().max(100).optional(),
  email: z.string().trim().toLowerCase().max(254).optional(),
  status: z.enum(STATUS_FILTERS).optional(),
});

async function loadInvitation(id: string, context: ApiContext) {
  const row = await prisma.invitation.findUnique({ where: { id }, include: INVITATION_RESOURCE_INCLUDE });
  if (!row) throw problems.notFound(`There is no invitation with id ${id}.`);
  return invitationResource(row, context.publicUrl, context.now);
}

function invitationProblem(error: unknown, status: 409 | 422): never {
  if (error instanceof InvitationError) throw new ApiProblem(status, status === 409 ? "conflict" : "invalid-invitation", status === 409 ? "Conflict" : "Invalid invitation", error.message);
  throw error;
}

async function create(context: ApiContext, target: { assessmentId: string; jobDescriptionId: string | null }, invites: { candidateName: string; candidateEmail: string; deadline: Date }[]) {
  let outcome: Awaited<ReturnType<typeof createInvitations>>;
  try {
    outcome = await createInvitations(context.principal.actorId, target, invites, "api");
  } catch (error) {
    invitationProblem(error, 422);
  }
  const links = new Map(outcome.created.map((row) => [row.invitationId, row.link]));
  const rows = await prisma.invitation.findMany({ where: { id: { in: [...links.keys()] } }, include: INVITATION_RESOURCE_INCLUDE });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return outcome.created.map((created) => ({ ...invitationResource(byId.get(created.invitationId)!, context.publicUrl, context.now), candidateUrl: links.get(created.invitationId)! }));
}

const defaultDeadline = (now: Date) => new Date(now.getTime() + 7 * DAY_MS);

export const invitationRoutes: ApiRoute[] = [
  {
    method: "GET",
    path: "/invitations",
    scope: "read",
    async handle(context) {
      const query = parseOr422(InvitationListQuery, Object.fromEntries(context.query));
      const base: Prisma.InvitationWhereInput = {
        ...statusWhere(query.status, context.now),
        ...(query.assessmentId ? { assessmentId: query.assessmentId } : {}),
        ...(query.jobDescriptionId ? { jobDescriptionId: query.jobDescriptionId } : {}),
        ...(query.email ? { candidateEmail: query.email } : {}),
      };
      const matched: Prisma.InvitationGetPayload<{ include: typeof INVITATION_RESOURCE_INCLUDE }>[] = [];
      let cursor = query.cursor;
      // Status is exact only in memory, so read batches until a page (plus one) is filled.
      for (;;) {
        const batch = await prisma.invitation.findMany({
          where: { AND: [base, cursorWhere(cursor)] },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: 100,
          include: INVITATION_RESOURCE_INCLUDE,
        });
        matched.push(...batch.filter((row) => !query.status || invitationState(row, context.now) === query.status));
        if (batch.length < 100 || matched.length > query.limit) break;
        cursor = encodeCursor(batch.at(-1)!);
      }
      const { items, nextCursor } = page(matched, query.limit);
      return { status: 200, body: { data: items.map((row) => invitationResource(row, context.publicUrl, context.now)), nextCursor } };
    },
  },
  {
    method: "POST",
    path: "/invitations",
    scope: "invitations:write",
    async handle(context) {
      const body = parseOr422(CreateInvitationBody, context.body);
      const [created] = await create(context, { assessmentId: body.assessmentId, jobDescriptionId: body.jobDescriptionId ?? null }, [
        { candidateName: body.candidateName, candidateEmail: body.candidateEmail, deadline: body.deadline ?? defaultDeadline(context.now) },
      ]);
      return { status: 201, body: created, headers: { Location: `/api/v1/invitations/${created.id}` } };
    },
  },
  {
    method: "POST",
    path: "/invitations/batch",
    scope: "invitations:write",
    async handle(context) {
      const body = parseOr422(CreateInvitationsBody, context.body);
      const fallback = body.deadline ?? defaultDeadline(context.now);
      const created = await create(
        context,
        { assessmentId: body.assessmentId, jobDescriptionId: body.jobDescriptionId ?? null },
        body.candidates.map((candidate) => ({ candidateName: candidate.candidateName, candidateEmail: candidate.candidateEmail, deadline: candidate.deadline ?? fallback })),
      );
      return { status: 201, body: { data: created } };
    },
  },
  {
    method: "GET",
    path: "/invitations/{id}",
    scope: "read",
    async handle(context) {
      return { status: 200, body: await loadInvitation(context.params.id, context) };
    },
  },
  {
    method: "POST",
    path: "/invitations/{id}/revoke",
    scope: "invitations:write",
    async handle(context) {
      await loadInvitation(context.params.id, context);
      try {
        await revokeInvitation(context.principal.actorId, context.params.id);
      } catch (error) {
        invitationProblem(error, 409);
      }
      return { status: 200, body: await loadInvitation(context.params.id, context) };
    },
  },
  {
    method: "POST",
    path: "/invitations/{id}/extend",
    scope: "invitations:write",
    async handle(context) {
      await loadInvitation(context.params.id, context);
      const body = parseOr422(ExtendInvitationBody, context.body);
      try {
        await extendInvitation(context.principal.actorId, context.params.id, body.deadline);
      } catch (error) {
        invitationProblem(error, 409);
      }
      return { status: 200, body: await loadInvitation(context.params.id, context) };
    },
  },
];
