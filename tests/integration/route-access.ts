import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Permission } from "~/lib/permissions";

// Every route file under app/routes with who may reach it, listed in route-access.json. The guard
// test fails when a route file is missing there, so a new route cannot ship without a stated rule.
//  - "public": anyone, no login
//  - "user": any logged-in user; anonymous is sent to /login
//  - a Permission: logged-in users whose role has it; others get 403, anonymous goes to /login
//  - "candidate": only with a valid invite token; a made-up token is a 404
//  - "anonymous-only": the login page; logged-in users are redirected to /dashboard
//  - "api-token": the public API; only an API token opens it, a session never does (401 for all)
// Paths name records that exist ({jd}, {invitation}, {item}, {webhook}, {jobSlug}: filled by the
// test), so an allowed role that gets a 404 is a failure, not a pass.
export type Access = "public" | "user" | "candidate" | "anonymous-only" | "api-token" | Permission;

const ruleSchema = z.strictObject({
  file: z.string().min(1),
  path: z.string().startsWith("/"),
  access: z.string().min(1),
  method: z.enum(["GET", "POST"]).optional(),
});

export interface RouteRule {
  file: string;
  /** A concrete path to request, with {placeholders} for the records the test creates. */
  path: string;
  access: Access;
  method?: "GET" | "POST";
}

export const ROUTE_RULES: RouteRule[] = z
  .array(ruleSchema)
  .parse(JSON.parse(readFileSync(new URL("./route-access.json", import.meta.url), "utf8"))) as RouteRule[];

/** Fills a rule's {placeholders}; a placeholder without a value is an error in the table. */
export function concretePath(path: string, records: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = records[name];
    if (value === undefined) throw new Error(`route-access.json names {${name}}, which the guard test does not create`);
    return encodeURIComponent(value);
  });
}
