// Validates an assessment's contract against the official OpenAPI 3.1 schema (via
// @seriousme/openapi-schema-validator), so a broken openapi.yaml fails before any grading.
import { Validator } from "@seriousme/openapi-schema-validator";

export async function openApiProblems(doc: Record<string, unknown>): Promise<string[]> {
  const validator = new Validator();
  const result = await validator.validate(structuredClone(doc));
  if (result.valid) return [];
  if (typeof result.errors === "string") return [result.errors];
  return (result.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message ?? "is invalid"}`);
}
