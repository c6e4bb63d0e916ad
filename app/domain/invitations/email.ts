export interface InviteEmailInput {
  candidateName: string;
  assessmentTitle: string;
  timeLimitMinutes: number;
  attemptLimit: number;
  deadline: Date;
  link: string;
  resent: boolean;
}

function formatDuration(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? "" : "s"}`;
  return `${minutes} minutes`;
}

export function inviteEmail(input: InviteEmailInput): { subject: string; body: string } {
  const deadline = `${input.deadline.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const lines = [
    `Hello ${input.candidateName},`,
    "",
    input.resent
      ? `Here is a new link for your take-home assessment "${input.assessmentTitle}". Earlier links no longer work.`
      : `You are invited to a take-home assessment: "${input.assessmentTitle}".`,
    "",
    `Open this link to read the brief and download the starter code (no account needed):`,
    input.link,
    "",
    `Once you press Start you have ${formatDuration(input.timeLimitMinutes)} and up to ${input.attemptLimit} upload${input.attemptLimit === 1 ? "" : "s"}; everything must be in by ${deadline}.`,
    "The link is personal: please do not share it.",
    "",
    "Good luck!",
  ];
  return { subject: `${input.resent ? "New link: " : ""}Your take-home assessment: ${input.assessmentTitle}`, body: lines.join("\n") };
}
