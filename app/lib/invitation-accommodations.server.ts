import { z } from "zod";
import { audit } from "./audit.server";
import { prisma } from "./db.server";
import { InvitationError } from "./invitations.server";

// Accommodations: a recruiter grants one candidate extra minutes on top of the assessment's time
// limit (for example after a request for extra time). The candidate's clock reads it through
// clockOf in candidate.server.ts; the invitation's own deadline still caps the clock.

export const MAX_EXTRA_MINUTES = 24 * 60;

export const ExtraTimeForm = z.object({
  extraMinutes: z.coerce
    .number({ error: "Enter a number of minutes" })
    .int("Use whole minutes")
    .min(0, "Use 0 or more minutes")
    .max(MAX_EXTRA_MINUTES, `Use at most ${MAX_EXTRA_MINUTES} minutes (24 hours)`),
});

export async function setExtraTime(actorId: string, invitationId: string, extraMinutes: number): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { id: invitationId }, select: { extraMinutes: true, revokedAt: true } });
    if (!invitation) throw new InvitationError("That invitation does not exist.");
    if (invitation.revokedAt) throw new InvitationError("This invitation is revoked.");
    await tx.invitation.update({ where: { id: invitationId }, data: { extraMinutes } });
    await audit(tx, {
      actorId,
      action: "invitation.extra-time",
      entityType: "Invitation",
      entityId: invitationId,
      data: { from: invitation.extraMinutes, to: extraMinutes },
    });
  });
}
