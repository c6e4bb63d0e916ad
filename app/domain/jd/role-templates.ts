import type { CatalogItemKind, Level } from "../catalog/levels";

export interface RoleTemplate {
  id: string;
  name: string;
  /** The order sections appear in a JD built from this template. */
  sectionOrder: CatalogItemKind[];
  levels: Record<Level, { title: string; summary: string; stack: Stack }>;
  howToApply: string;
}

/**
 * The tools a level's preset lists, as one coherent stack: catalog tool item (by source key) →
 * the text to use. A catalog item lists alternatives ("PostgreSQL, MySQL, MongoDB and
 * Cassandra"); a JD names the one the team uses. Tool items not listed stay out of the preset.
 */
export type Stack = Record<string, string>;

const JUNIOR_STACK: Stack = {
  "tool.languages-frameworks.frameworks": "Node.js with Express",
  "tool.database-design.databases": "PostgreSQL",
  "tool.containers-microservices.orchestration": "Docker",
  "tool.automated-testing.frameworks": "Jest",
  "tool.ci-cd.pipelines": "GitHub Actions",
  "tool.version-control.git-hosting": "Git with GitHub",
  "tool.documentation.openapi": "OpenAPI",
};

const INTERMEDIATE_STACK: Stack = {
  ...JUNIOR_STACK,
  "tool.api-design.protocols": "REST",
  "tool.caching.caches": "Redis",
  "tool.messaging.brokers": "RabbitMQ",
  "tool.observability.monitoring": "Prometheus and Grafana",
  "tool.auth.standards": "OAuth 2.0 and JWT",
};

const SENIOR_STACK: Stack = {
  ...INTERMEDIATE_STACK,
  "tool.api-design.protocols": "REST and gRPC",
  "tool.messaging.brokers": "Apache Kafka",
  "tool.containers-microservices.orchestration": "Docker and Kubernetes",
  "tool.auth.standards": "OAuth 2.0 and OpenID Connect",
};

export const BACKEND_DEVELOPER: RoleTemplate = {
  id: "backend-developer",
  name: "Backend developer",
  sectionOrder: ["RESPONSIBILITY", "REQUIRED_SKILL", "QUALIFICATION", "NICE_TO_HAVE", "TOOL", "METRIC", "CAREER_PATH"],
  levels: {
    JUNIOR: {
      title: "Junior Backend Developer",
      summary:
        "We are looking for a motivated junior backend developer to work on the server side of our web applications. " +
        "You will pair with front-end developers and experienced engineers to turn goals into clean, working code, " +
        "and you will get regular feedback to help you grow quickly.",
      stack: JUNIOR_STACK,
    },
    INTERMEDIATE: {
      title: "Backend Developer",
      summary:
        "We are looking for a backend developer who can own server-side features from start to finish: the logic, " +
        "the data it stores and the APIs our front-end relies on. You will keep our services fast and responsive, " +
        "look after the central database and help newer colleagues along the way.",
      stack: INTERMEDIATE_STACK,
    },
    SENIOR: {
      title: "Senior Backend Developer",
      summary:
        "As a senior backend developer you will shape the server-side logic, databases and integrations behind our web " +
        "and mobile applications. You will lead a group of developers, make the key technical calls on projects and keep " +
        "our engineering standards high as we grow.",
      stack: SENIOR_STACK,
    },
  },
  howToApply:
    "Send us your CV or a link to your profile, with a few lines about a backend project you are proud of. " +
    "Shortlisted candidates get a short take-home assessment. We reply to every application.",
};

export const ROLE_TEMPLATES: Record<string, RoleTemplate> = { [BACKEND_DEVELOPER.id]: BACKEND_DEVELOPER };

export function roleTemplate(id: string): RoleTemplate {
  const template = ROLE_TEMPLATES[id];
  if (!template) throw new Error(`Unknown role template "${id}"; known: ${Object.keys(ROLE_TEMPLATES).join(", ")}`);
  return template;
}
