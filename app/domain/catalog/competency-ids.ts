// The catalog's competency ids. Assessments weight and tag tests with these ids, scorecards
// group evidence by them, and the catalog seed must define exactly this set.
export const COMPETENCY_IDS = [
  "languages-frameworks",
  "api-design",
  "database-design",
  "auth",
  "caching",
  "messaging",
  "containers-microservices",
  "automated-testing",
  "performance",
  "security",
  "ci-cd",
  "observability",
  "system-design",
  "version-control",
  "documentation",
  "collaboration",
  "leadership",
  "problem-solving",
] as const;

export type CompetencyId = (typeof COMPETENCY_IDS)[number];

export function isCompetencyId(value: string): value is CompetencyId {
  return (COMPETENCY_IDS as readonly string[]).includes(value);
}
