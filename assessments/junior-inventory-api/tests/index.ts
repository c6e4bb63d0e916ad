// All contract tests of the Stockroom assessment. Public tests live in public.ts (the candidate's
// check.mjs is built from it alone), hidden ones in hidden.ts.
import { defineTests } from "../../../runner/prober/contract";
import { hiddenTests } from "./hidden";
import { tests as publicTests } from "./public";

export const tests = defineTests([...publicTests, ...hiddenTests]);
