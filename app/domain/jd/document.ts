import { z } from "zod";
import { safeText } from "../safe-text";
import { COMPETENCY_IDS } from "../catalog/competency-ids";
import { CATALOG_ITEM_KINDS, LEVELS, type CatalogItemKind } from "../catalog/levels";

// The whole JD as one JSON document: what a JobDescriptionVersion row stores in `content`.
// Items carry their own text, so later catalog edits never change a saved JD.

export const REMOTE_POLICIES = ["ONSITE", "HYBRID", "REMOTE"] as const;
export type RemotePolicy = (typeof REMOTE_POLICIES)[number];
export const REMOTE_POLICY_LABELS: Record<RemotePolicy, string> = {
  ONSITE: "On-site",
  HYBRID: "Hybrid",
  REMOTE: "Remote",
};

// schema.org / Google for Jobs employment types.
export const EMPLOYMENT_TYPES = ["FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN"] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
export const EMPLOYMENT_TYPE_LABELS: Record<EmploymentType, string> = {
  FULL_TIME: "Full-time",
  PART_TIME: "Part-time",
  CONTRACTOR: "Contract",
  TEMPORARY: "Temporary",
  INTERN: "Internship",
};

export const SALARY_PERIODS = ["HOUR", "DAY", "WEEK", "MONTH", "YEAR"] as const;
export type SalaryPeriod = (typeof SALARY_PERIODS)[number];
export const SALARY_PERIOD_LABELS: Record<SalaryPeriod, string> = {
  HOUR: "per hour",
  DAY: "per day",
  WEEK: "per week",
  MONTH: "per month",
  YEAR: "per year",
};

export const SECTION_HEADINGS: Record<CatalogItemKind, string> = {
  RESPONSIBILITY: "What you will do",
  REQUIRED_SKILL: "What you bring",
  QUALIFICATION: "Qualifications",
  NICE_TO_HAVE: "Nice to have",
  TOOL: "Our stack",
  METRIC: "How we measure success",
  CAREER_PATH: "Where this role can lead",
};

export const LIMITS = {
  title: 120,
  shortField: 120,
  itemText: 400,
  heading: 80,
  itemsPerSection: 40,
  prose: 4000,
  howToApply: 1500,
  benefits: 25,
  keywords: 15,
  keyword: 60,
  metaDescription: 160,
} as const;

const line = (max: number) => safeText().trim().max(max, `must be at most ${max} characters`);
const required = (max: number) => line(max).min(1, "is required");

export const slugSchema = z
  .string()
  .trim()
  .min(3, "must be at least 3 characters")
  .max(100, "must be at most 100 characters")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "may contain only lower-case letters, digits and single hyphens");

export const countryCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Z]{2}$/, "must be a two-letter ISO 3166 country code such as DE or PL");

/** Where candidates apply: a web address or an e-mail address (shown as a mailto link). */
export const applyToSchema = z
  .string()
  .trim()
  .max(300, "must be at most 300 characters")
  .refine((value) => value === "" || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(value) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), {
    error: "must be a web address (https://…) or an e-mail address",
  });

/** The link an apply button points at, or null when the JD names no way to apply. */
export function applyHref(applyTo: string): string | null {
  const value = applyTo.trim();
  if (!value) return null;
  return value.includes("@") && !/^https?:/i.test(value) ? `mailto:${value}` : value;
}

export const jdItemSchema = z
  .object({
    id: safeText().min(1).max(80),
    text: required(LIMITS.itemText),
    competencyId: z.enum(COMPETENCY_IDS).nullable(),
    // Null for custom items; otherwise the catalog item this text was copied from.
    source: z.object({ catalogItemId: safeText().min(1), sourceKey: safeText().nullable() }).strict().nullable(),
  })
  .strict();
export type JdItem = z.infer<typeof jdItemSchema>;

export const jdSectionSchema = z
  .object({
    kind: z.enum(CATALOG_ITEM_KINDS),
    heading: required(LIMITS.heading),
    items: z.array(jdItemSchema).max(LIMITS.itemsPerSection, `may hold at most ${LIMITS.itemsPerSection} items`),
  })
  .strict();
export type JdSection = z.infer<typeof jdSectionSchema>;

export const salarySchema = z
  .object({
    min: z.number({ error: "must be a number" }).positive("must be greater than zero"),
    max: z.number({ error: "must be a number" }).positive("must be greater than zero"),
    currency: safeText().regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code such as EUR"),
    period: z.enum(SALARY_PERIODS),
  })
  .strict()
  .refine((s) => s.min <= s.max, { error: "the minimum must not exceed the maximum", path: ["max"] });
export type Salary = z.infer<typeof salarySchema>;

export const locationSchema = z
  .object({
    remotePolicy: z.enum(REMOTE_POLICIES),
    streetAddress: line(LIMITS.shortField),
    city: line(LIMITS.shortField),
    region: line(LIMITS.shortField),
    postalCode: line(20),
    country: z.union([countryCodeSchema, z.literal("")]),
    // Countries remote applicants may live in (schema.org applicantLocationRequirements).
    applicantCountries: z.array(countryCodeSchema).max(50),
  })
  .strict();
export type JdLocation = z.infer<typeof locationSchema>;

export const seoSchema = z
  .object({
    slug: slugSchema,
    metaDescription: line(LIMITS.metaDescription),
    keywords: z.array(required(LIMITS.keyword)).max(LIMITS.keywords, `at most ${LIMITS.keywords} keywords`),
  })
  .strict();
export type JdSeo = z.infer<typeof seoSchema>;

export const jdDocumentSchema = z
  .object({
    schemaVersion: z.literal(1),
    roleTemplate: safeText().min(1),
    level: z.enum(LEVELS),
    title: required(LIMITS.title),
    team: line(LIMITS.shortField),
    company: z
      .object({
        name: line(LIMITS.shortField),
        website: z.union([z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }), z.literal("")]),
      })
      .strict(),
    location: locationSchema,
    employmentType: z.enum(EMPLOYMENT_TYPES),
    salary: salarySchema.nullable(),
    summary: line(LIMITS.prose),
    aboutCompany: line(LIMITS.prose),
    benefits: z.array(required(LIMITS.itemText)).max(LIMITS.benefits),
    howToApply: line(LIMITS.howToApply),
    // Added after the first documents were saved: older versions read as "no apply link".
    applyTo: applyToSchema.default(""),
    assessmentId: safeText().min(1).nullable(),
    sections: z.array(jdSectionSchema),
    seo: seoSchema,
    validThrough: z.iso.date({ error: "must be a date (YYYY-MM-DD)" }).nullable(),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const kinds = doc.sections.map((s) => s.kind);
    if (new Set(kinds).size !== kinds.length) {
      ctx.addIssue({ code: "custom", path: ["sections"], message: "each section kind may appear only once" });
    }
    const ids = doc.sections.flatMap((s) => s.items.map((i) => i.id));
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: "custom", path: ["sections"], message: "item ids must be unique" });
    }
  });
export type JdDocument = z.infer<typeof jdDocumentSchema>;

export class JdDocumentError extends Error {
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(message);
  }
}

export function parseJdDocument(input: unknown): JdDocument {
  const result = jdDocumentSchema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    throw new JdDocumentError(
      `The job description is invalid: ${issues.map((i) => `${i.path || "document"} ${i.message}`).join("; ")}`,
      issues,
    );
  }
  return result.data;
}

export function allItems(doc: JdDocument): JdItem[] {
  return doc.sections.flatMap((s) => s.items);
}

export function sectionOf(doc: JdDocument, kind: CatalogItemKind): JdSection | undefined {
  return doc.sections.find((s) => s.kind === kind);
}
