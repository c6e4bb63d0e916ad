// Demo accounts for a local start; the start command prints them. Never used in production:
// the seed refuses to create them when NODE_ENV is production.
export const DEMO_USERS = [
  { email: "admin@hirekit.local", name: "Ada Admin", role: "ADMIN", password: "demo-admin-pass" },
  { email: "recruiter@hirekit.local", name: "Rita Recruiter", role: "RECRUITER", password: "demo-recruiter-pass" },
  { email: "manager@hirekit.local", name: "Hugo Hiring-Manager", role: "HIRING_MANAGER", password: "demo-manager-pass" },
] as const;
