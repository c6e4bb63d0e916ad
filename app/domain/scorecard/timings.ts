import { z } from "zod";
import { PROGRESS_STAGES } from "../../../runner/contract/submission";

// Stage timings as the runner stores them on Submission.stageTimings: milliseconds by stage name.

const KNOWN_ORDER: readonly string[] = PROGRESS_STAGES;

const timingsSchema = z.union([
  z.record(z.string(), z.number().min(0)),
  z.array(z.object({ stage: z.string(), ms: z.number().min(0) })),
]);

export interface StageTiming {
  stage: string;
  ms: number;
}

export function stageTimings(raw: unknown): StageTiming[] {
  const parsed = timingsSchema.safeParse(raw);
  if (!parsed.success) return [];
  const entries = Array.isArray(parsed.data) ? parsed.data : Object.entries(parsed.data).map(([stage, ms]) => ({ stage, ms }));
  const rank = (stage: string) => {
    const index = KNOWN_ORDER.indexOf(stage);
    return index === -1 ? KNOWN_ORDER.length : index;
  };
  return [...entries].sort((a, b) => rank(a.stage) - rank(b.stage));
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
