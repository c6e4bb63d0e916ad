// Contract tests for the Taskboard API (intermediate). Every test creates its own users, so tests
// are independent of each other and of the order they run in. Public tests live in public.ts (the
// candidate's check.mjs is built from it alone), hidden ones in hidden.ts.
import { defineTests, type TestContext } from "../../../runner/prober/contract";
import { hiddenTests } from "./hidden";
import { tests as publicTests } from "./public";
import { signUp } from "./support";

export const tests = defineTests([...publicTests, ...hiddenTests]);

/** A fresh user's token, so derived body and query checks on secured operations test validation, not authentication. */
export async function negativeCheckCredentials(ctx: TestContext): Promise<Record<string, string>> {
  return (await signUp(ctx, "negative")).auth;
}
