import type { CompetencyId } from "../catalog/competency-ids";

// Short names for keywords and labels in exports; the catalog holds the full names.
export const COMPETENCY_NAMES: Record<CompetencyId, string> = {
  "languages-frameworks": "Back-end languages and frameworks",
  "api-design": "API design",
  "database-design": "Database design",
  auth: "Authentication and authorisation",
  caching: "Caching",
  messaging: "Messaging and queues",
  "containers-microservices": "Containers and microservices",
  "automated-testing": "Automated testing",
  performance: "Performance tuning",
  security: "Application security",
  "ci-cd": "CI/CD",
  observability: "Observability",
  "system-design": "System design",
  "version-control": "Git",
  documentation: "OpenAPI documentation",
  collaboration: "Collaboration",
  leadership: "Mentoring and leadership",
  "problem-solving": "Problem solving",
};
