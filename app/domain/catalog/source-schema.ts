import { z } from "zod";
import { COMPETENCY_IDS } from "./competency-ids";
import { CATALOG_ITEM_KINDS, LEVELS } from "./levels";

// The versioned catalog source (prisma/catalog/catalog.json). `previous` lists values a field
// had in earlier versions of the source: the seed only replaces a database value that still
// equals one of them, so an admin's edit is never overwritten (see catalog-seed.server.ts).

const text = z.string().trim().min(1, "must not be empty");
const competencyId = z.enum(COMPETENCY_IDS, { error: (issue) => `unknown competency id "${String(issue.input)}"` });
const level = z.enum(LEVELS);
const levels = z
  .array(level)
  .min(1, "must list at least one level")
  .refine((list) => new Set(list).size === list.length, "must not repeat a level");

const expectations = z.object({ junior: text, intermediate: text, senior: text }).strict();

const competencyFields = {
  name: text,
  category: text,
  description: text,
  expectations,
};

export const sourceCompetencySchema = z
  .object({
    id: competencyId,
    ...competencyFields,
    previous: z
      .array(
        z
          .object({
            name: text.optional(),
            category: text.optional(),
            description: text.optional(),
            expectations: expectations.partial().optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict()
  .refine(
    (c) => new Set([c.expectations.junior, c.expectations.intermediate, c.expectations.senior]).size === 3,
    { error: "junior, intermediate and senior expectations must differ", path: ["expectations"] },
  );

export const sourceItemSchema = z
  .object({
    key: z
      .string()
      .regex(/^[a-z]+(\.[a-z0-9-]+){2}$/, "must look like <kind>.<competency>.<slug>, lower-case"),
    kind: z.enum(CATALOG_ITEM_KINDS),
    competency: competencyId,
    levels,
    text,
    previous: z
      .array(z.object({ text: text.optional(), levels: levels.optional(), kind: z.enum(CATALOG_ITEM_KINDS).optional(), competency: competencyId.optional() }).strict())
      .default([]),
  })
  .strict();

const levelInfo = z.object({ label: text, experience: text }).strict();

export const catalogSourceSchema = z
  .object({
    version: z.number().int().positive(),
    role: z.object({ id: z.string().regex(/^[a-z0-9-]+$/), name: text }).strict(),
    levels: z.object({ JUNIOR: levelInfo, INTERMEDIATE: levelInfo, SENIOR: levelInfo }).strict(),
    seo: z
      .object({
        slugBase: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a lower-case slug"),
        titleSuffix: text,
        metaDescription: text.max(160, "must be at most 160 characters"),
        keywords: z.array(text).min(1),
        imageAlt: text,
        relatedRoles: z.array(text),
      })
      .strict(),
    competencies: z.array(sourceCompetencySchema),
    items: z.array(sourceItemSchema).min(1),
  })
  .strict()
  .superRefine((source, ctx) => {
    const ids = source.competencies.map((c) => c.id);
    const missing = COMPETENCY_IDS.filter((id) => !ids.includes(id));
    if (missing.length > 0) {
      ctx.addIssue({ code: "custom", path: ["competencies"], message: `missing competencies: ${missing.join(", ")}` });
    }
    reportDuplicates(ids, ["competencies"], "competency id", ctx);
    reportDuplicates(
      source.items.map((item) => item.key),
      ["items"],
      "item key",
      ctx,
    );
    source.items.forEach((item, index) => {
      const [, keyCompetency] = item.key.split(".");
      if (keyCompetency !== item.competency) {
        ctx.addIssue({
          code: "custom",
          path: ["items", index, "key"],
          message: `key "${item.key}" names competency "${keyCompetency}" but the item is tagged "${item.competency}"`,
        });
      }
    });
  });

function reportDuplicates(values: string[], path: (string | number)[], what: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) ctx.addIssue({ code: "custom", path, message: `duplicate ${what} "${value}"` });
    seen.add(value);
  }
}

export type CatalogSource = z.infer<typeof catalogSourceSchema>;
export type SourceCompetency = z.infer<typeof sourceCompetencySchema>;
export type SourceItem = z.infer<typeof sourceItemSchema>;

export class CatalogSourceError extends Error {}

export function parseCatalogSource(input: unknown): CatalogSource {
  const result = catalogSourceSchema.safeParse(input);
  if (!result.success) {
    throw new CatalogSourceError(`The catalog source is invalid:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}
