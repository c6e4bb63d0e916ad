// The permission matrix (role × action), written down once. Routes ask for an action,
// never for a role, so changing who may do what is a one-line edit here.

export const ROLES = ["ADMIN", "RECRUITER", "HIRING_MANAGER"] as const;
export type RoleName = (typeof ROLES)[number];

export const PERMISSIONS = {
  "catalog:read": ["ADMIN", "RECRUITER", "HIRING_MANAGER"],
  "catalog:edit": ["ADMIN"],
  "jd:read": ["ADMIN", "RECRUITER", "HIRING_MANAGER"],
  "jd:edit": ["ADMIN", "RECRUITER"],
  "jd:publish": ["ADMIN", "RECRUITER"],
  "invitation:manage": ["ADMIN", "RECRUITER", "HIRING_MANAGER"],
  "submission:read": ["ADMIN", "RECRUITER", "HIRING_MANAGER"],
  "scorecard:review": ["ADMIN", "HIRING_MANAGER"],
  "scorecard:export": ["ADMIN", "RECRUITER", "HIRING_MANAGER"],
  "feedback:release": ["ADMIN", "RECRUITER"],
  "users:manage": ["ADMIN"],
  "api:manage": ["ADMIN"],
  "organisation:edit": ["ADMIN"],
  "audit:read": ["ADMIN"],
  "assessments:sync": ["ADMIN"],
  "queue:view": ["ADMIN"],
  "submission:regrade": ["ADMIN"],
} as const satisfies Record<string, readonly RoleName[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: RoleName, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly RoleName[]).includes(role);
}

export const ROLE_LABELS: Record<RoleName, string> = {
  ADMIN: "Admin",
  RECRUITER: "Recruiter",
  HIRING_MANAGER: "Hiring manager",
};
