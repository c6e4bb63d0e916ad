// Which runtime a solution folder is for: the runtimes (runtimes/*.ts) are asked in order.
import { RUNTIMES } from "./runtimes";
import type { DetectResult } from "./runtimes/runtime";

export type { DetectResult, SolutionPlan } from "./runtimes/runtime";

export async function detectSolution(root: string, runtimes = RUNTIMES): Promise<DetectResult> {
  for (const runtime of runtimes) {
    const result = await runtime.detect(root);
    if (result) return result;
  }
  const expected = runtimes.map((runtime) => runtime.describe);
  const list = expected.length > 1 ? `${expected.slice(0, -1).join(", ")} or ${expected.at(-1)}` : expected.join("");
  return { ok: false, reason: `no runnable project found: expected ${list} at the top level` };
}
