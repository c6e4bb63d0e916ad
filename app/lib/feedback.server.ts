// The candidate's feedback report, available once a recruiter releases it: the latest graded
// attempt, per competency, with curl commands for failed public tests and hidden tests counted.
import { feedbackByCompetency, summarize, type CompetencyFeedback } from "~/domain/invitations/results";
import type { CandidateInvitation } from "./candidate.server";
import { candidateResults } from "./candidate.server";
import { prisma } from "./db.server";

export interface FeedbackReport {
  candidateName: string;
  assessmentTitle: string;
  attempt: number;
  gradedAt: string | null;
  port: number;
  competencies: (CompetencyFeedback & { name: string })[];
  totals: ReturnType<typeof summarize>;
}

/** Competency names as the catalog holds them, the names the staff's scorecard shows too. */
export async function competencyNamer(): Promise<(id: string) => string> {
  const names = new Map((await prisma.competency.findMany({ select: { id: true, name: true } })).map((row) => [row.id, row.name]));
  return (id) => names.get(id) ?? id;
}

export async function feedbackReport(invitation: CandidateInvitation): Promise<FeedbackReport | null> {
  if (!invitation.feedbackReleasedAt) return null;
  const submission = await prisma.submission.findFirst({
    where: { invitationId: invitation.id, status: "GRADED" },
    orderBy: { attempt: "desc" },
    select: { id: true, attempt: true, finishedAt: true },
  });
  if (!submission) return null;
  const [rows, competencyName] = await Promise.all([candidateResults(submission.id), competencyNamer()]);
  const groups = feedbackByCompetency(rows, invitation.assessment.port);
  return {
    candidateName: invitation.candidateName,
    assessmentTitle: invitation.assessment.title,
    attempt: submission.attempt,
    gradedAt: submission.finishedAt?.toISOString() ?? null,
    port: invitation.assessment.port,
    competencies: groups.map((group) => ({ ...group, name: competencyName(group.competencyId) })),
    totals: summarize(groups),
  };
}
