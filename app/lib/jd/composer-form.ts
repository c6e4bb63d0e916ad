import { z } from "zod";
import { safeText } from "~/domain/safe-text";
import { COMPETENCY_IDS, isCompetencyId } from "~/domain/catalog/competency-ids";
import { CATALOG_ITEM_KINDS, isLevel, type CatalogItemKind } from "~/domain/catalog/levels";
import { EMPLOYMENT_TYPES, REMOTE_POLICIES, SALARY_PERIODS, type JdDocument } from "~/domain/jd/document";

// The composer's form <-> JD document mapping, shared by the action (server) and the live
// quality panel (browser). Field names are the document's dotted paths; items are `item.<id>`.

export const itemField = (id: string) => `item.${id}`;
export const headingField = (kind: CatalogItemKind) => `section.${kind}.heading`;

const str = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

function pick<T extends string>(value: string, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** "60 000", "60,000" and "60000.50" all read as numbers; anything else becomes NaN. */
export function parseAmount(raw: string): number {
  const compact = raw.replace(/[\s\u00a0_']/g, "").replace(/[.,](?=\d{3}(\D|$))/g, "").replace(",", ".");
  return /^\d+(\.\d+)?$/.test(compact) ? Number(compact) : Number.NaN;
}

const list = (raw: string, separator: RegExp) =>
  raw
    .split(separator)
    .map((part) => part.trim())
    .filter(Boolean);

/**
 * The document the form describes: the base document (structure, ids, sources) with every
 * field and item text the form holds. Values are not validated here; invalid ones (a bad
 * slug, a salary that is not a number) surface when the result is parsed.
 */
export function docFromForm(form: FormData, base: JdDocument): JdDocument {
  const has = (name: string) => form.has(name);
  const text = (name: string, current: string) => (has(name) ? str(form, name) : current);
  const salaryFields = ["salary.min", "salary.max"].map((name) => str(form, name).trim());
  const salary =
    has("salary.min") || has("salary.max")
      ? salaryFields.every((v) => v === "")
        ? null
        : {
            min: parseAmount(salaryFields[0]!),
            max: parseAmount(salaryFields[1]!),
            currency: str(form, "salary.currency").trim().toUpperCase(),
            period: pick(str(form, "salary.period"), SALARY_PERIODS, "YEAR"),
          }
      : base.salary;
  const level = str(form, "level");
  return {
    ...base,
    level: isLevel(level) ? level : base.level,
    title: text("title", base.title),
    team: text("team", base.team),
    company: { name: text("company.name", base.company.name), website: text("company.website", base.company.website).trim() },
    location: {
      remotePolicy: has("location.remotePolicy") ? pick(str(form, "location.remotePolicy"), REMOTE_POLICIES, "ONSITE") : base.location.remotePolicy,
      streetAddress: text("location.streetAddress", base.location.streetAddress),
      city: text("location.city", base.location.city),
      region: text("location.region", base.location.region),
      postalCode: text("location.postalCode", base.location.postalCode),
      country: text("location.country", base.location.country).trim().toUpperCase(),
      applicantCountries: has("location.applicantCountries")
        ? list(str(form, "location.applicantCountries").toUpperCase(), /[\s,;]+/)
        : base.location.applicantCountries,
    },
    employmentType: has("employmentType") ? pick(str(form, "employmentType"), EMPLOYMENT_TYPES, "FULL_TIME") : base.employmentType,
    salary,
    summary: text("summary", base.summary),
    aboutCompany: text("aboutCompany", base.aboutCompany),
    benefits: has("benefits") ? list(str(form, "benefits"), /\r?\n/) : base.benefits,
    howToApply: text("howToApply", base.howToApply),
    applyTo: text("applyTo", base.applyTo).trim(),
    assessmentId: has("assessmentId") ? str(form, "assessmentId") || null : base.assessmentId,
    validThrough: has("validThrough") ? str(form, "validThrough") || null : base.validThrough,
    seo: {
      slug: text("seo.slug", base.seo.slug).trim(),
      metaDescription: text("seo.metaDescription", base.seo.metaDescription),
      keywords: has("seo.keywords") ? list(str(form, "seo.keywords"), /\s*[,\n]\s*/) : base.seo.keywords,
    },
    sections: base.sections.map((section) => ({
      ...section,
      heading: text(headingField(section.kind), section.heading),
      items: section.items.map((item) => ({ ...item, text: text(itemField(item.id), item.text) })),
    })),
  };
}

const structureSchema = z
  .object({
    roleTemplate: safeText().min(1).max(60),
    sections: z
      .array(
        z.object({
          kind: z.enum(CATALOG_ITEM_KINDS),
          heading: safeText().max(200),
          items: z
            .array(
              z.object({
                id: safeText().min(1).max(80),
                text: safeText().max(4000),
                competencyId: z.enum(COMPETENCY_IDS).nullable(),
                source: z.object({ catalogItemId: safeText().min(1), sourceKey: safeText().nullable() }).nullable(),
              }),
            )
            .max(80),
        }),
      )
      .max(CATALOG_ITEM_KINDS.length),
  })
  .strict();
export type ComposerStructure = z.infer<typeof structureSchema>;

/** The hidden field that carries a draft's sections and item ids between round trips. */
export function structureOf(doc: JdDocument): string {
  return JSON.stringify({ roleTemplate: doc.roleTemplate, sections: doc.sections } satisfies ComposerStructure);
}

export function parseStructure(raw: unknown): ComposerStructure | null {
  if (typeof raw !== "string") return null;
  try {
    const result = structureSchema.safeParse(JSON.parse(raw));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/** A document with the structure filled in and every field empty, for docFromForm to complete. */
export function blankDocument(structure: ComposerStructure, level: JdDocument["level"]): JdDocument {
  return {
    schemaVersion: 1,
    roleTemplate: structure.roleTemplate,
    level,
    title: "",
    team: "",
    company: { name: "", website: "" },
    location: { remotePolicy: "ONSITE", streetAddress: "", city: "", region: "", postalCode: "", country: "", applicantCountries: [] },
    employmentType: "FULL_TIME",
    salary: null,
    summary: "",
    aboutCompany: "",
    benefits: [],
    howToApply: "",
    applyTo: "",
    assessmentId: null,
    sections: structure.sections,
    seo: { slug: "", metaDescription: "", keywords: [] },
    validThrough: null,
  };
}

/** Maps zod issues on a document to the composer's field names. */
export function issuesToFields(issues: readonly z.core.$ZodIssue[], doc: unknown): Record<string, string> {
  const sections = (doc as Partial<JdDocument> | null)?.sections;
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path;
    let field = path.join(".");
    if (path[0] === "sections" && typeof path[1] === "number") {
      const section = sections?.[path[1]];
      if (path[2] === "items" && typeof path[3] === "number" && section?.items[path[3]]) field = itemField(section.items[path[3]].id);
      else if (path[2] === "heading" && section) field = headingField(section.kind);
      else field = "sections";
    } else if (["benefits", "location.applicantCountries", "seo.keywords"].some((name) => field.startsWith(`${name}.`))) {
      const name = ["benefits", "location.applicantCountries", "seo.keywords"].find((n) => field.startsWith(`${n}.`))!;
      const index = path[name.split(".").length];
      errors[name] ??= typeof index === "number" ? `entry ${index + 1} ${issue.message}` : issue.message;
      continue;
    }
    errors[field || "form"] ??= issue.message;
  }
  return errors;
}

/** What a composer button asks for: its `intent` value, parsed. */
export const intentSchema = z.union([
  z.literal("save"),
  z.literal("check"),
  z.literal("suggest-seo"),
  z.templateLiteral([z.enum(["move-up", "move-down", "remove"]), ":", safeText().min(1)]),
  z.templateLiteral([z.enum(["add-custom", "add-catalog"]), ":", z.enum(CATALOG_ITEM_KINDS)]),
]);
export type ComposerIntent = z.infer<typeof intentSchema>;

export function customCompetency(form: FormData, kind: CatalogItemKind) {
  const value = str(form, `customCompetency.${kind}`);
  return isCompetencyId(value) ? value : null;
}

/** The composer's field values for a document: what the inputs show, keyed by field name. */
export function formValues(doc: JdDocument): Record<string, string> {
  const amount = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? String(value) : "");
  const values: Record<string, string> = {
    level: doc.level,
    title: doc.title,
    team: doc.team,
    "company.name": doc.company.name,
    "company.website": doc.company.website,
    "location.remotePolicy": doc.location.remotePolicy,
    "location.streetAddress": doc.location.streetAddress,
    "location.city": doc.location.city,
    "location.region": doc.location.region,
    "location.postalCode": doc.location.postalCode,
    "location.country": doc.location.country,
    "location.applicantCountries": doc.location.applicantCountries.join(", "),
    employmentType: doc.employmentType,
    "salary.min": amount(doc.salary?.min),
    "salary.max": amount(doc.salary?.max),
    "salary.currency": doc.salary?.currency ?? "EUR",
    "salary.period": doc.salary?.period ?? "YEAR",
    summary: doc.summary,
    aboutCompany: doc.aboutCompany,
    benefits: doc.benefits.join("\n"),
    howToApply: doc.howToApply,
    applyTo: doc.applyTo,
    assessmentId: doc.assessmentId ?? "",
    validThrough: doc.validThrough ?? "",
    "seo.slug": doc.seo.slug,
    "seo.metaDescription": doc.seo.metaDescription,
    "seo.keywords": doc.seo.keywords.join(", "),
    structure: structureOf(doc),
  };
  for (const section of doc.sections) {
    values[headingField(section.kind)] = section.heading;
    for (const item of section.items) values[itemField(item.id)] = item.text;
  }
  return values;
}
