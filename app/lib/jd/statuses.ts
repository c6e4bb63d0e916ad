// Shared by server modules and route components (which may not import *.server files).
export const JOB_STATUSES = ["DRAFT", "PUBLISHED", "ARCHIVED"] as const;
export type JobStatusName = (typeof JOB_STATUSES)[number];
export const STATUS_LABELS: Record<JobStatusName, string> = { DRAFT: "Draft", PUBLISHED: "Published", ARCHIVED: "Archived" };
