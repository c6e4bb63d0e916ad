// Whether a start seeds the demo accounts (known passwords): a developer machine does unless told
// not to, production never does unless explicitly asked. The reason is printed either way.

export interface DemoUsersDecision {
  seed: boolean;
  reason: string;
}

export function demoUsersDecision(env: { NODE_ENV?: string; HIREKIT_DEMO_USERS?: string }): DemoUsersDecision {
  if (env.HIREKIT_DEMO_USERS === "1") return { seed: true, reason: "HIREKIT_DEMO_USERS=1 asks for them" };
  if (env.HIREKIT_DEMO_USERS === "0") return { seed: false, reason: "HIREKIT_DEMO_USERS=0 turns them off" };
  if (env.NODE_ENV === "production") {
    return { seed: false, reason: "NODE_ENV=production never seeds them (HIREKIT_DEMO_USERS=1 would); create an admin with npm run admin:create" };
  }
  return { seed: true, reason: "a development start seeds them by default; HIREKIT_DEMO_USERS=0 turns them off" };
}
