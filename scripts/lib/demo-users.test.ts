import { describe, expect, it } from "vitest";
import { demoUsersDecision } from "./demo-users";

describe("demoUsersDecision", () => {
  it("seeds on a development start and says how to stop it", () => {
    expect(demoUsersDecision({})).toEqual({ seed: true, reason: expect.stringContaining("HIREKIT_DEMO_USERS=0") });
    expect(demoUsersDecision({ NODE_ENV: "development" }).seed).toBe(true);
  });

  it("never seeds in production unless explicitly asked", () => {
    expect(demoUsersDecision({ NODE_ENV: "production" })).toEqual({ seed: false, reason: expect.stringContaining("admin:create") });
    expect(demoUsersDecision({ NODE_ENV: "production", HIREKIT_DEMO_USERS: "yes" }).seed).toBe(false);
    expect(demoUsersDecision({ NODE_ENV: "production", HIREKIT_DEMO_USERS: "1" }).seed).toBe(true);
  });

  it("lets a developer turn them off", () => {
    expect(demoUsersDecision({ HIREKIT_DEMO_USERS: "0" }).seed).toBe(false);
  });
});
