import type { Permission } from "~/lib/permissions";

// Every route file under app/routes with who may reach it. The guard test fails when a route
// file is missing here, so a new route cannot ship without a stated rule.
//  - "public": anyone, no login
//  - "user": any logged-in user; anonymous is sent to /login
//  - a Permission: logged-in users whose role has it; others get 403, anonymous goes to /login
//  - "candidate": only with a valid invite token; a made-up token is a 404
//  - "anonymous-only": the login page; logged-in users are redirected to /dashboard
export type Access = "public" | "user" | "candidate" | "anonymous-only" | Permission;

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
  { file: "admin.system.tsx", path: "/admin/system", access: "queue:view" },
];
