// Contract tests for the Wallet Ledger API (senior). Every test registers its own API clients, so
// tests are independent of each other and of the order they run in, and each client's rate limit
// is its own. Public tests live in public.ts (the candidate's check.mjs is built from it alone),
// hidden ones in hidden.ts.
import { defineTests, type TestContext } from "../../../runner/prober/contract";
import { hiddenTests } from "./hidden";
import { tests as publicTests } from "./public";
import { newClient } from "./support";

export const tests = defineTests([...publicTests, ...hiddenTests]);

/** A fresh client's key, so derived body and query checks on secured operations test validation, not authentication. */
export async function negativeCheckCredentials(ctx: TestContext): Promise<Record<string, string>> {
  return (await newClient(ctx)).auth;
}
