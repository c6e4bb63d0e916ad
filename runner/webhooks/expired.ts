import type { Queue } from "bullmq";
import type { PrismaClient } from "~/generated/prisma/client";
import { invitationResource, invitationState } from "../../app/domain/api/resources";
import { CHARGED_SUBMISSION, INVITATION_RESOURCE_INCLUDE } from "../contract/charged-attempts";
import { enqueueDeliveries, recordWebhookEvent } from "./emit";

const LOOKBACK_MS = 30 * 86_400_000;
const BATCH = 500;
const ANNOUNCED = "invitation.expired-announced";

/**
 * invitation.expired has no request behind it: the consumer sweeps for invitations whose time
 * ran out without a submission. An audit row marks each one announced, in the same transaction
 * as its deliveries, under an advisory lock so two workers never announce one twice.
 */
export async function announceExpiredInvitations(prisma: PrismaClient, queue: Queue, publicUrl: string, now = new Date()): Promise<number> {
  const deliveryIds = await prisma.$transaction(async (tx) => {
    const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext('hirekit:webhooks:expired')) AS locked`;
    if (!locked) return [];
    const rows = await tx.invitation.findMany({
      where: {
        revokedAt: null,
        submissions: { none: CHARGED_SUBMISSION },
        deadline: { gt: new Date(now.getTime() - LOOKBACK_MS) },
        OR: [{ deadline: { lte: now } }, { startedAt: { not: null } }],
      },
      include: INVITATION_RESOURCE_INCLUDE,
      orderBy: { deadline: "asc" },
      take: BATCH,
    });
    const expired = rows.filter((row) => invitationState(row, now) === "expired");
    if (expired.length === 0) return [];
    const announced = new Set(
      (await tx.auditLog.findMany({ where: { action: ANNOUNCED, entityType: "Invitation", entityId: { in: expired.map((row) => row.id) } }, select: { entityId: true } })).map(
        (entry) => entry.entityId,
      ),
    );
    const ids: string[] = [];
    for (const row of expired.filter((candidate) => !announced.has(candidate.id))) {
      ids.push(...(await recordWebhookEvent(tx, "invitation.expired", { invitation: invitationResource(row, publicUrl, now) }, now)));
      await tx.auditLog.create({ data: { actorId: null, action: ANNOUNCED, entityType: "Invitation", entityId: row.id } });
    }
    return ids;
  });
  await enqueueDeliveries(queue, deliveryIds);
  return deliveryIds.length;
}
