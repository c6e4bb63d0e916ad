import { z } from "zod";
import { evidenceSchema } from "../contract/evidence";
import type { ProberEvent } from "../sandbox/driver";

const resultSchema = z.looseObject({
  type: z.literal("result"),
  id: z.string().min(1),
  title: z.string(),
  competency: z.string(),
  points: z.number().min(0),
  earned: z.number().min(0),
  visibility: z.enum(["public", "hidden"]),
  outcome: z.enum(["passed", "failed", "error"]),
  message: z.string().optional(),
  durationMs: z.number().min(0),
  evidence: evidenceSchema,
});

const eventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready"), ms: z.number() }),
  z.object({ type: z.literal("not-ready"), message: z.string() }),
  z.object({ type: z.literal("start"), total: z.number().int().min(0) }),
  resultSchema,
  z.object({ type: z.literal("done") }),
]);

/** Parses one NDJSON line of the prober; the prober is ours, so a bad line is a fault, not a result. */
export function parseProberLine(line: string): ProberEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new Error(`prober printed a line that is not JSON: ${line.slice(0, 200)}`);
  }
  const parsed = eventSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`prober printed an invalid event (${issue.path.join(".")}: ${issue.message}): ${line.slice(0, 200)}`);
  }
  const event = parsed.data;
  if (event.type !== "result") return event;
  const { message, ...rest } = event;
  return { ...rest, ...(message === undefined ? {} : { message }) } as ProberEvent;
}
