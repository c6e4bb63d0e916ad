import { z } from "zod";

export const INTAKE_RULES = [
  "not-an-archive",
  "corrupt-archive",
  "compressed-size",
  "expanded-size",
  "file-size",
  "file-count",
  "empty-archive",
  "absolute-path",
  "parent-traversal",
  "invalid-name",
  "duplicate-entry",
  "link-escape",
  "hard-link",
  "device-file",
] as const;

export type IntakeRule = (typeof INTAKE_RULES)[number];

export const intakeLimitsSchema = z.object({
  maxCompressedBytes: z.number().int().positive(),
  maxExpandedBytes: z.number().int().positive(),
  maxFileBytes: z.number().int().positive(),
  maxEntries: z.number().int().positive(),
});

export type IntakeLimits = z.infer<typeof intakeLimitsSchema>;

export const DEFAULT_INTAKE_LIMITS: IntakeLimits = {
  maxCompressedBytes: 20 * 1024 * 1024,
  maxExpandedBytes: 100 * 1024 * 1024,
  maxFileBytes: 25 * 1024 * 1024,
  maxEntries: 5000,
};

/** A candidate's archive broke a rule; the message is shown to the candidate as is. */
export class IntakeRefusal extends Error {
  readonly rule: IntakeRule;
  constructor(rule: IntakeRule, message: string) {
    super(message);
    this.name = "IntakeRefusal";
    this.rule = rule;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}
