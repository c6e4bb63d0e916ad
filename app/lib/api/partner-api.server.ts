// A Greenhouse-style assessment-partner adapter over the same data as the rest of the API:
// list_tests, send_test (an invitation plus the candidate's link) and test_status (score and
// report link). docs/api.md maps each field.
import { z } from "zod";
import { invitationState } from "~/domain/api/resources";
import { partnerStatus } from "~/domain/api/partner";
import { prisma } from "../db.server";
import { createInvitations, InvitationError } from "../invitations.server";
import { INVITATION_RESOURCE_INCLUDE } from "../../../runner/contract/charged-attempts";
import { ApiProblem, problems } from "./problem.server";
import { parseOr422, type ApiRoute } from "./router.server";
import { countedAttempt } from "~/domain/scorecard/counted-attempt";

const PREFIX = "/partner/greenhouse";
const DAY_MS = 86_400_000;

// Greenhouse sends more candidate fields (phone, resume, profile URL); they are accepted and ignored.
export const SendTestBody = z.object({
  partner_test_id: z.string().trim().min(1).max(100),
  candidate: z.object({
    first_name: z.string().trim().min(1).max(100),
    last_name: z.string().trim().max(100).default(""),
    email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  }),
  url: z.url().optional(),
});

export const partnerRoutes: ApiRoute[] = [
  {
    method: "GET",
    path: `${PREFIX}/list_tests`,
    scope: "read",
    async handle() {
      const rows = await prisma.assessment.findMany({ where: { active: true }, orderBy: [{ level: "asc" }, { title: "asc" }], select: { id: true, title: true } });
      return { status: 200, body: rows.map((row) => ({ partner_test_id: row.id, partner_test_name: row.title })) };
    },
  },
  {
    method: "POST",
    path: `${PREFIX}/send_test`,
    scope: "invitations:write",
    async handle(context) {
      const body = parseOr422(SendTestBody, context.body);
      const name = `${body.candidate.first_name} ${body.candidate.last_name}`.trim();
      try {
        const outcome = await createInvitations(
          context.principal.actorId,
          { assessmentId: body.partner_test_id, jobDescriptionId: null },
          [{ candidateName: name, candidateEmail: body.candidate.email, deadline: new Date(context.now.getTime() + 7 * DAY_MS) }],
          "api",
        );
        const [created] = outcome.created;
        return { status: 200, body: { partner_interview_id: created.invitationId, candidate_url: created.link } };
      } catch (error) {
        if (error instanceof InvitationError) throw new ApiProblem(422, "invalid-invitation", "Invalid invitation", error.message);
        throw error;
      }
    },
  },
  {
    method: "GET",
    path: `${PREFIX}/test_status`,
    scope: "read",
    async handle(context) {
      const { partner_interview_id: id } = parseOr422(z.object({ partner_interview_id: z.string().min(1).max(100) }), Object.fromEntries(context.query));
      const invitation = await prisma.invitation.findUnique({
        where: { id },
        include: { ...INVITATION_RESOURCE_INCLUDE, submissions: { select: { attempt: true, status: true, overallScore: true } } },
      });
      if (!invitation) throw problems.notFound(`There is no test with partner_interview_id ${id}.`);
      const latest = countedAttempt(invitation.submissions) ?? null;
      const status = partnerStatus(invitationState(invitation, context.now), latest?.status ?? null);
      return {
        status: 200,
        body: {
          partner_status: status,
          partner_profile_url: `${context.publicUrl.replace(/\/+$/, "")}/scorecards/${invitation.id}`,
          partner_score: status === "complete" && latest?.overallScore != null ? Math.round(latest.overallScore * 1000) / 10 : null,
          metadata: { hirekit_status: invitationState(invitation, context.now), submission_status: latest?.status.toLowerCase() ?? null },
        },
      };
    },
  },
];
