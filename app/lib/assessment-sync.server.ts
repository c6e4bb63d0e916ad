import { listAssessments, type LoadedAssessment } from "../../runner/assessment/load";
import type { PrismaClient } from "~/generated/prisma/client";
import { audit } from "./audit.server";

const LEVELS = { junior: "JUNIOR", intermediate: "INTERMEDIATE", senior: "SENIOR" } as const;

export interface SyncReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  deactivated: string[];
}

function rowFor(assessment: LoadedAssessment) {
  const { config } = assessment;
  return {
    slug: assessment.slug,
    title: config.title,
    level: LEVELS[config.level],
    version: config.version,
    timeLimitMinutes: config.timeLimitMinutes,
    attemptLimit: config.attemptLimit,
    port: config.port,
    readinessPath: config.readinessPath,
    competencyWeights: config.competencyWeights,
    limits: config.limits,
    brief: assessment.brief,
    openapi: assessment.openapiText,
    contentHash: assessment.contentHash,
  };
}

/**
 * Mirrors assessments/ into the Assessment table. Rows are keyed by the folder's assessment id;
 * folders that disappeared are deactivated, never deleted, because invitations point at them.
 */
export async function syncAssessments(prisma: PrismaClient, root: string, actorId: string | null = null): Promise<SyncReport> {
  const assessments = await listAssessments(root);
  const report: SyncReport = { created: [], updated: [], unchanged: [], deactivated: [] };
  await prisma.$transaction(async (tx) => {
    const existing = new Map((await tx.assessment.findMany()).map((row) => [row.id, row]));
    for (const assessment of assessments) {
      const id = assessment.config.id;
      const data = rowFor(assessment);
      const before = existing.get(id);
      if (!before) {
        await tx.assessment.create({ data: { id, ...data } });
        report.created.push(id);
      } else if (before.contentHash !== data.contentHash || before.slug !== data.slug || !before.active) {
        await tx.assessment.update({ where: { id }, data: { ...data, active: true, syncedAt: new Date() } });
        report.updated.push(id);
      } else {
        report.unchanged.push(id);
      }
      existing.delete(id);
    }
    for (const stale of existing.values()) {
      if (!stale.active) continue;
      await tx.assessment.update({ where: { id: stale.id }, data: { active: false } });
      report.deactivated.push(stale.id);
    }
    if (report.created.length || report.updated.length || report.deactivated.length) {
      await audit(tx, { actorId, action: "assessment.sync", entityType: "Assessment", entityId: "*", data: { ...report } });
    }
  });
  return report;
}
