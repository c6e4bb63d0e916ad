import type { Permission } from "~/lib/permissions";

// Every route file under app/routes with who may reach it. The guard test fails when a route
// file is missing here, so a new route cannot ship without a stated rule.
//  - "public": anyone, no login
//  - "user": any logged-in user; anonymous is sent to /login
//  - a Permission: logged-in users whose role has it; others get 403, anonymous goes to /login
//  - "candidate": only with a valid invite token; a made-up token is a 404
//  - "anonymous-only": the login page; logged-in users are redirected to /dashboard
//  - "api-token": the public API; only an API token opens it, a session never does (401 for all)
export type Access = "public" | "user" | "candidate" | "anonymous-only" | "api-token" | Permission;

export interface RouteRule {
  file: string;
  /** A concrete path to request; params are filled with values that do not exist. */
  path: string;
  access: Access;
  method?: "GET" | "POST";
}

export const ROUTE_RULES: RouteRule[] = [
  { file: "_index.tsx", path: "/", access: "public" },
  { file: "login.tsx", path: "/login", access: "anonymous-only" },
  { file: "logout.tsx", path: "/logout", access: "public" },
  { file: "healthz.ts", path: "/healthz", access: "public" },
  { file: "dashboard.tsx", path: "/dashboard", access: "user" },
  { file: "admin.users.tsx", path: "/admin/users", access: "users:manage" },
  { file: "admin.users.tsx", path: "/admin/users", access: "users:manage", method: "POST" },
  { file: "admin.api-tokens.tsx", path: "/admin/api-tokens", access: "api:manage" },
  { file: "admin.api-tokens.tsx", path: "/admin/api-tokens", access: "api:manage", method: "POST" },
  { file: "admin.webhooks.tsx", path: "/admin/webhooks", access: "api:manage" },
  { file: "admin.webhooks.tsx", path: "/admin/webhooks", access: "api:manage", method: "POST" },
  { file: "admin.webhooks_.$id.tsx", path: "/admin/webhooks/00000000-0000-4000-8000-000000000000", access: "api:manage" },
  { file: "admin.webhooks_.$id.tsx", path: "/admin/webhooks/00000000-0000-4000-8000-000000000000", access: "api:manage", method: "POST" },
  { file: "api.v1.$.ts", path: "/api/v1/invitations", access: "api-token" },
  { file: "api.v1.$.ts", path: "/api/v1/invitations", access: "api-token", method: "POST" },
  { file: "api.v1.openapi[.]json.ts", path: "/api/v1/openapi.json", access: "public" },
  { file: "api.docs._index.ts", path: "/api/docs", access: "public" },
  { file: "api.docs.$file.ts", path: "/api/docs/swagger-ui.css", access: "public" },
  { file: "admin.system.tsx", path: "/admin/system", access: "queue:view" },
  { file: "admin.system.tsx", path: "/admin/system", access: "assessments:sync", method: "POST" },
  { file: "catalog._index.tsx", path: "/catalog", access: "catalog:read" },
  { file: "catalog.competencies.$id.tsx", path: "/catalog/competencies/api-design", access: "catalog:edit" },
  { file: "catalog.competencies.$id.tsx", path: "/catalog/competencies/api-design", access: "catalog:edit", method: "POST" },
  { file: "catalog.items.$id.tsx", path: "/catalog/items/00000000-0000-4000-8000-000000000000", access: "catalog:edit" },
  { file: "catalog.items.$id.tsx", path: "/catalog/items/00000000-0000-4000-8000-000000000000", access: "catalog:edit", method: "POST" },
  { file: "catalog.items.new.tsx", path: "/catalog/items/new", access: "catalog:edit" },
  { file: "catalog.items.new.tsx", path: "/catalog/items/new", access: "catalog:edit", method: "POST" },
  { file: "jds._index.tsx", path: "/jds", access: "jd:read" },
  { file: "jds.new.tsx", path: "/jds/new", access: "jd:edit" },
  { file: "jds.new.tsx", path: "/jds/new", access: "jd:edit", method: "POST" },
  { file: "jds.$id._index.tsx", path: "/jds/00000000-0000-4000-8000-000000000000", access: "jd:read" },
  { file: "jds.$id._index.tsx", path: "/jds/00000000-0000-4000-8000-000000000000", access: "jd:edit", method: "POST" },
  { file: "jds.$id.diff.tsx", path: "/jds/00000000-0000-4000-8000-000000000000/diff", access: "jd:read" },
  { file: "jds.$id.export.$format.ts", path: "/jds/00000000-0000-4000-8000-000000000000/export/pdf", access: "jd:read" },
  { file: "jds.$id.history.tsx", path: "/jds/00000000-0000-4000-8000-000000000000/history", access: "jd:read" },
  { file: "jds.$id.history.tsx", path: "/jds/00000000-0000-4000-8000-000000000000/history", access: "jd:edit", method: "POST" },
  { file: "jds.$id.preview.tsx", path: "/jds/00000000-0000-4000-8000-000000000000/preview", access: "jd:read" },
  { file: "jobs._index.tsx", path: "/jobs", access: "public" },
  { file: "jobs.$slug.tsx", path: "/jobs/no-such-job", access: "public" },
  { file: "invitations._index.tsx", path: "/invitations", access: "invitation:manage" },
  { file: "invitations.new.tsx", path: "/invitations/new", access: "invitation:manage" },
  { file: "invitations.new.tsx", path: "/invitations/new", access: "invitation:manage", method: "POST" },
  { file: "invitations.import.tsx", path: "/invitations/import", access: "invitation:manage" },
  { file: "invitations.outbox.tsx", path: "/invitations/outbox", access: "invitation:manage" },
  { file: "invitations.$id.tsx", path: "/invitations/00000000-0000-4000-8000-000000000000", access: "invitation:manage" },
  { file: "invitations.$id.tsx", path: "/invitations/00000000-0000-4000-8000-000000000000", access: "invitation:manage", method: "POST" },
  { file: "submissions._index.tsx", path: "/submissions", access: "submission:read" },
  { file: "submissions[.csv].tsx", path: "/submissions.csv", access: "scorecard:export" },
  { file: "scorecards.$invitationId.tsx", path: "/scorecards/00000000-0000-4000-8000-000000000000", access: "submission:read" },
  { file: "scorecards.$invitationId.tsx", path: "/scorecards/00000000-0000-4000-8000-000000000000", access: "scorecard:review", method: "POST" },
  { file: "scorecards.$invitationId_.pdf.tsx", path: "/scorecards/00000000-0000-4000-8000-000000000000/pdf", access: "scorecard:export" },
  { file: "compare.tsx", path: "/compare?ids=00000000-0000-4000-8000-000000000000", access: "submission:read" },
  { file: "c.$token._index.tsx", path: "/c/not-a-real-token-aaaaaaaaaaaaaaaaaaaaaa", access: "candidate" },
  { file: "c.$token._index.tsx", path: "/c/not-a-real-token-aaaaaaaaaaaaaaaaaaaaaa", access: "candidate", method: "POST" },
  { file: "c.$token.events.ts", path: "/c/not-a-real-token-aaaaaaaaaaaaaaaaaaaaaa/events", access: "candidate" },
  { file: "c.$token.feedback.tsx", path: "/c/not-a-real-token-aaaaaaaaaaaaaaaaaaaaaa/feedback", access: "candidate" },
  { file: "c.$token.feedback[.]pdf.ts", path: "/c/not-a-real-token-aaaaaaaaaaaaaaaaaaaaaa/feedback.pdf", access: "candidate" },
  { file: "c.$token.starter.ts", path: "/c/not-a-real-token-aaaaaaaaaaaaaaaaaaaaaa/starter", access: "candidate" },
  { file: "c.$token.status.ts", path: "/c/not-a-real-token-aaaaaaaaaaaaaaaaaaaaaa/status", access: "candidate" },
  { file: "c.$token.submissions.$id.tsx", path: "/c/not-a-real-token-aaaaaaaaaaaaaaaaaaaaaa/submissions/00000000-0000-4000-8000-000000000000", access: "candidate" },
];
