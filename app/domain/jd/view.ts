import { LEVEL_LABELS } from "../catalog/levels";
import { applyHref, type JdDocument } from "./document";
import { factsLine } from "./format";

/** A JD reduced to the strings a reader sees: what the preview and careers pages render. */
export interface JdView {
  company: string;
  title: string;
  facts: string[];
  summary: string[];
  aboutCompany: string[];
  sections: { heading: string; items: string[] }[];
  benefits: string[];
  howToApply: string[];
  /** The apply link (a web address or mailto:) and what it shows, or null when there is none. */
  apply: { href: string; text: string } | null;
  closesOn: string | null;
}

const closingDate = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean);
}

export function toView(doc: JdDocument): JdView {
  return {
    company: doc.company.name,
    title: doc.title,
    facts: [`${LEVEL_LABELS[doc.level]} level`, ...factsLine(doc)],
    summary: paragraphs(doc.summary),
    aboutCompany: paragraphs(doc.aboutCompany),
    sections: doc.sections.filter((s) => s.items.length > 0).map((s) => ({ heading: s.heading, items: s.items.map((i) => i.text) })),
    benefits: doc.benefits,
    howToApply: paragraphs(doc.howToApply),
    apply: applyLink(doc.applyTo),
    closesOn: doc.validThrough ? closingDate.format(new Date(`${doc.validThrough}T00:00:00Z`)) : null,
  };
}

function applyLink(applyTo: string): JdView["apply"] {
  const href = applyHref(applyTo);
  if (!href) return null;
  return { href, text: href.startsWith("mailto:") ? `Apply by e-mail to ${applyTo.trim()}` : "Apply for this job" };
}
