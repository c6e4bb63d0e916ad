import type { Prisma } from "~/generated/prisma/client";

type AuditClient = { auditLog: { create(args: { data: Prisma.AuditLogUncheckedCreateInput }): Promise<unknown> } };

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data?: Prisma.InputJsonValue;
}

/** Pass the transaction client so the audit row commits or rolls back with the change it records. */
export async function audit(client: AuditClient, entry: AuditEntry): Promise<void> {
  await client.auditLog.create({ data: entry });
}
