// Mirrors the Level and CatalogItemKind enums of prisma/schema.prisma, so domain code can
// name them without importing the Prisma client.
export const LEVELS = ["JUNIOR", "INTERMEDIATE", "SENIOR"] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<Level, string> = {
  JUNIOR: "Junior",
  INTERMEDIATE: "Intermediate",
  SENIOR: "Senior",
};

export const CATALOG_ITEM_KINDS = [
  "RESPONSIBILITY",
  "REQUIRED_SKILL",
  "QUALIFICATION",
  "NICE_TO_HAVE",
  "TOOL",
  "METRIC",
  "CAREER_PATH",
] as const;
export type CatalogItemKind = (typeof CATALOG_ITEM_KINDS)[number];

export const KIND_LABELS: Record<CatalogItemKind, string> = {
  RESPONSIBILITY: "Responsibility",
  REQUIRED_SKILL: "Required skill",
  QUALIFICATION: "Qualification",
  NICE_TO_HAVE: "Nice to have",
  TOOL: "Tool",
  METRIC: "Metric",
  CAREER_PATH: "Career path",
};

export function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}
