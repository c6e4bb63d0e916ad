import { eventLabel } from "./event-labels";

// One audit row as the audit log page shows it: who did what to what, with a link to the thing.

export interface AuditRow {
  action: string;
  entityType: string;
  entityId: string;
  data: unknown;
}

const ENTITY_NAMES: Record<string, string> = {
  Invitation: "Invitation",
  Submission: "Submission",
  JobDescription: "Job description",
  User: "User",
  CatalogItem: "Catalog item",
  Competency: "Competency",
  Assessment: "Assessment",
  OrganisationProfile: "Organisation profile",
  ApiToken: "API token",
  WebhookSubscription: "Webhook",
};

function field(data: unknown, key: string): string | null {
  if (!data || typeof data !== "object") return null;
  const value = (data as Record<string, unknown>)[key];
  return typeof value === "string" && value ? value : null;
}

/** Where the audited thing lives in the app, or null when it has no page. */
export function auditTargetHref(row: AuditRow): string | null {
  const id = encodeURIComponent(row.entityId);
  switch (row.entityType) {
    case "Invitation":
      return `/invitations/${id}`;
    case "Submission": {
      const invitationId = field(row.data, "invitationId");
      return invitationId ? `/scorecards/${encodeURIComponent(invitationId)}` : null;
    }
    case "JobDescription":
      return `/jds/${id}`;
    case "User":
      return "/admin/users";
    case "CatalogItem":
      return `/catalog/items/${id}`;
    case "Competency":
      return `/catalog/competencies/${id}`;
    case "OrganisationProfile":
      return "/admin/profile";
    default:
      return null;
  }
}

/** "from → to" changes and a few named values, instead of the raw JSON. */
export function auditDetails(data: unknown): string {
  if (!data || typeof data !== "object" || Array.isArray(data)) return "";
  const record = data as Record<string, unknown>;
  const parts: string[] = [];
  if ("from" in record && "to" in record) parts.push(`${String(record.from)} → ${String(record.to)}`);
  for (const [key, value] of Object.entries(record)) {
    if (key === "from" || key === "to" || value === null || typeof value === "object") continue;
    parts.push(`${key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}: ${String(value)}`);
  }
  return parts.join(" · ");
}

export function describeAudit(row: AuditRow) {
  return {
    what: eventLabel(row.action),
    target: ENTITY_NAMES[row.entityType] ?? row.entityType,
    href: auditTargetHref(row),
    details: auditDetails(row.data),
  };
}
