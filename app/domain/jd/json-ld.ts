import { z } from "zod";
import { applyHref, EMPLOYMENT_TYPES, SALARY_PERIODS, type JdDocument } from "./document";
import { toDescriptionHtml } from "./html";
import { publishingRuleProblems } from "./publishing-rules";

// schema.org JobPosting as Google for Jobs reads it. Publishing requires a posting that passes
// `validateJobPosting`, so a JD never goes live with structured data Google would reject.

const isoDate = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

const postalAddress = z.object({
  "@type": z.literal("PostalAddress"),
  streetAddress: z.string().optional(),
  addressLocality: z.string().min(1, "add the city"),
  addressRegion: z.string().optional(),
  postalCode: z.string().optional(),
  addressCountry: z.string().regex(/^[A-Z]{2}$/, "add the country as a two-letter code, e.g. PL"),
});

const jobPostingSchema = z.object({
  "@context": z.literal("https://schema.org"),
  "@type": z.literal("JobPosting"),
  title: z.string().trim().min(1, "the job title is missing"),
  description: z.string().refine((html) => html.replace(/<[^>]+>/g, "").trim().length > 0, "add a summary or some items"),
  datePosted: z.string().regex(isoDate, "must be a date"),
  validThrough: z.string({ error: "set the date applications close" }).regex(isoDate, "must be a date"),
  employmentType: z.enum(EMPLOYMENT_TYPES, { error: "choose an employment type" }),
  hiringOrganization: z.object({
    "@type": z.literal("Organization"),
    name: z.string().trim().min(1, "add the company name"),
    sameAs: z.url().optional(),
  }),
  jobLocation: z.object({ "@type": z.literal("Place"), address: postalAddress }).optional(),
  jobLocationType: z.literal("TELECOMMUTE").optional(),
  applicantLocationRequirements: z
    .array(z.object({ "@type": z.literal("Country"), name: z.string().regex(/^[A-Z]{2}$/, "must be a two-letter country code") }))
    .optional(),
  baseSalary: z.object(
    {
      "@type": z.literal("MonetaryAmount"),
      currency: z.string().regex(/^[A-Z]{3}$/, "use a three-letter currency code, e.g. EUR"),
      value: z.object({
        "@type": z.literal("QuantitativeValue"),
        minValue: z.number().positive("must be greater than zero"),
        maxValue: z.number().positive("must be greater than zero"),
        unitText: z.enum(SALARY_PERIODS),
      }),
    },
    { error: "add a salary range" },
  ),
  identifier: z.object({ "@type": z.literal("PropertyValue"), name: z.string(), value: z.string() }).optional(),
  url: z.url().optional(),
  // Where to apply: Google reads directApply=true as "apply on the posting's own page". Hirekit's
  // public page only links out (to an ATS or by e-mail), so it is always false; an apply link is an
  // ApplyAction and an e-mail address a ContactPoint (schema.org applicationContact).
  directApply: z.boolean().optional(),
  potentialAction: z.object({ "@type": z.literal("ApplyAction"), target: z.url() }).optional(),
  applicationContact: z.object({ "@type": z.literal("ContactPoint"), email: z.email() }).optional(),
});

export type JobPosting = z.infer<typeof jobPostingSchema>;
/** What a JD yields before validation: the fields Google requires may still be missing. */
export type JobPostingDraft = Omit<JobPosting, "validThrough" | "baseSalary"> & Partial<Pick<JobPosting, "validThrough" | "baseSalary">>;

export interface PostingContext {
  /** When the JD went (or goes) live, as YYYY-MM-DD or a full ISO timestamp. */
  datePosted: string;
  url?: string;
  identifier?: string;
}

export function buildJobPosting(doc: JdDocument, context: PostingContext): JobPostingDraft {
  const { location } = doc;
  const hasOffice = Boolean(location.city || location.country);
  const posting: JobPostingDraft = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    title: doc.title,
    description: toDescriptionHtml(doc),
    datePosted: context.datePosted,
    employmentType: doc.employmentType,
    hiringOrganization: {
      "@type": "Organization",
      name: doc.company.name,
      ...(doc.company.website ? { sameAs: doc.company.website } : {}),
    },
  };
  if (doc.validThrough) posting.validThrough = doc.validThrough;
  if (doc.salary) {
    posting.baseSalary = {
      "@type": "MonetaryAmount",
      currency: doc.salary.currency,
      value: { "@type": "QuantitativeValue", minValue: doc.salary.min, maxValue: doc.salary.max, unitText: doc.salary.period },
    };
  }
  if (location.remotePolicy !== "REMOTE" || hasOffice) {
    posting.jobLocation = {
      "@type": "Place",
      address: {
        "@type": "PostalAddress",
        addressLocality: location.city,
        addressCountry: location.country,
        ...(location.streetAddress ? { streetAddress: location.streetAddress } : {}),
        ...(location.region ? { addressRegion: location.region } : {}),
        ...(location.postalCode ? { postalCode: location.postalCode } : {}),
      },
    };
  }
  if (location.remotePolicy === "REMOTE") {
    posting.jobLocationType = "TELECOMMUTE";
    posting.applicantLocationRequirements = location.applicantCountries.map((name) => ({ "@type": "Country", name }));
  }
  if (context.identifier) {
    posting.identifier = { "@type": "PropertyValue", name: doc.company.name || "Hirekit", value: context.identifier };
  }
  if (context.url) posting.url = context.url;
  const apply = applyHref(doc.applyTo);
  if (apply) posting.directApply = false;
  if (apply?.startsWith("mailto:")) {
    posting.applicationContact = { "@type": "ContactPoint", email: apply.slice("mailto:".length) };
  } else if (apply) {
    posting.potentialAction = { "@type": "ApplyAction", target: apply };
  }
  return posting;
}

const FIELD_NAMES: Record<string, string> = {
  title: "Title",
  description: "Description",
  datePosted: "Date posted",
  validThrough: "Closing date",
  employmentType: "Employment type",
  "hiringOrganization.name": "Company",
  "hiringOrganization.sameAs": "Company website",
  "jobLocation.address.addressLocality": "Office location",
  "jobLocation.address.addressCountry": "Office location",
  baseSalary: "Salary",
  "baseSalary.currency": "Salary currency",
  "baseSalary.value.minValue": "Minimum salary",
  "baseSalary.value.maxValue": "Maximum salary",
  "baseSalary.value.unitText": "Salary period",
};

function fieldName(path: PropertyKey[]): string {
  const key = path.filter((p) => typeof p === "string").join(".");
  return FIELD_NAMES[key] ?? key;
}

/** Checks one posting against Google's required fields and the combinations it rejects. */
export function validateJobPosting(posting: unknown): string[] {
  const parsed = parseJobPosting(posting);
  if (!parsed.ok) return parsed.errors;
  const p = parsed.posting;
  const errors: string[] = [];
  const telecommute = p.jobLocationType === "TELECOMMUTE";
  if (!p.jobLocation && !telecommute) {
    errors.push("Location: set a location or mark the job remote.");
  }
  if (telecommute && !p.applicantLocationRequirements?.length) {
    errors.push("Remote applicants: say which countries people applying for this remote job may live in.");
  }
  if (!telecommute && p.applicantLocationRequirements?.length) {
    errors.push("Remote applicants: countries for remote applicants only apply to remote jobs; mark the job remote or clear the countries.");
  }
  if (p.baseSalary.value.minValue > p.baseSalary.value.maxValue) {
    errors.push("Salary: the minimum is higher than the maximum.");
  }
  if (Date.parse(p.validThrough) <= Date.parse(p.datePosted)) {
    errors.push(`Closing date: ${p.validThrough} must be after the date posted, ${p.datePosted.slice(0, 10)}.`);
  }
  if (/[$€£¥]|\d{2,}\s?(k|000)|https?:\/\/|@/i.test(p.title)) {
    errors.push("Title: use the job title only, without salary, links or e-mail addresses (Google rejects those).");
  }
  return errors;
}

export type PostingResult = { ok: true; posting: JobPosting } | { ok: false; errors: string[] };

function parseJobPosting(posting: unknown): PostingResult {
  const parsed = jobPostingSchema.safeParse(posting);
  if (parsed.success) return { ok: true, posting: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((issue) => `${fieldName(issue.path)}: ${issue.message}`) };
}

/** The JD's posting, or every reason it cannot be published yet. */
export function jobPostingFor(doc: JdDocument, context: PostingContext): PostingResult {
  const draft = buildJobPosting(doc, context);
  const errors = validateJobPosting(draft);
  if (errors.length > 0) return { ok: false, errors };
  return parseJobPosting(draft);
}

/** What stops the JD being published in this context: publishing refuses with these, and the quality panel lists them. */
export function publishingProblems(doc: JdDocument, context: PostingContext): string[] {
  const result = jobPostingFor(doc, context);
  return [...publishingRuleProblems(doc), ...(result.ok ? [] : result.errors)];
}

/** JSON for a <script type="application/ld+json"> tag: "<" is escaped so text cannot close the tag. */
export function serializeJsonLd(posting: JobPosting): string {
  return JSON.stringify(posting).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
