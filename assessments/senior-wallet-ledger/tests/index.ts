// Contract tests for the Wallet Ledger API (senior). Every test registers its own API clients, so
// tests are independent of each other and of the order they run in, and each client's rate limit
// is its own. Public tests live in public.ts (the candidate's check.mjs is built from it alone),
// hidden ones in hidden.ts.
import { defineTests } from "../../../runner/prober/contract";
import { hiddenTests } from "./hidden";
import { tests as publicTests } from "./public";

export const tests = defineTests([...publicTests, ...hiddenTests]);
