import type { JdDocument } from "./document";
import { LIMITS } from "./document";
import { slugify } from "./slug";
import { COMPETENCY_NAMES } from "./competency-names";

export function suggestSlug(doc: Pick<JdDocument, "title" | "location">): string {
  const place = doc.location.remotePolicy === "REMOTE" ? "remote" : doc.location.city;
  const slug = slugify(`${doc.title} ${place}`);
  return slug.length >= 3 ? slug : "job";
}

/** Cuts at a word boundary and adds an ellipsis, so the result fits in `max` characters. */
export function truncateAtWord(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, "")}…`;
}

export function suggestMetaDescription(doc: JdDocument): string {
  const where = doc.location.remotePolicy === "REMOTE" ? "remote" : doc.location.city;
  const lead = [doc.title, doc.company.name && `at ${doc.company.name}`, where && `(${where})`].filter(Boolean).join(" ");
  const sentences = doc.summary.match(/[^.!?]+[.!?]+/g) ?? (doc.summary ? [doc.summary] : []);
  let description = `${lead}.`;
  for (const sentence of sentences) {
    const next = `${description} ${sentence.trim()}`;
    if (next.length > LIMITS.metaDescription) break;
    description = next;
  }
  if (description === `${lead}.` && sentences.length > 0) {
    description = `${lead}. ${sentences[0]!.trim()}`;
  }
  return truncateAtWord(description, LIMITS.metaDescription);
}

/**
 * Title, level and place first, then the competencies the JD leans on most, then the catalog's
 * own SEO keywords; duplicates (ignoring case) dropped.
 */
export function suggestKeywords(doc: JdDocument, catalogKeywords: readonly string[] = []): string[] {
  const counts = new Map<string, number>();
  for (const section of doc.sections) {
    for (const item of section.items) {
      if (item.competencyId) counts.set(item.competencyId, (counts.get(item.competencyId) ?? 0) + 1);
    }
  }
  const topCompetencies = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 4)
    .map(([id]) => COMPETENCY_NAMES[id as keyof typeof COMPETENCY_NAMES]?.toLowerCase())
    .filter((name): name is string => Boolean(name));
  const candidates = [
    doc.title.toLowerCase(),
    doc.location.remotePolicy === "REMOTE" ? "remote backend developer job" : "",
    doc.location.city ? `backend developer ${doc.location.city}`.toLowerCase() : "",
    ...topCompetencies,
    ...catalogKeywords,
  ];
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const raw of candidates) {
    const keyword = raw.trim().slice(0, LIMITS.keyword);
    if (!keyword || seen.has(keyword.toLowerCase())) continue;
    seen.add(keyword.toLowerCase());
    keywords.push(keyword);
  }
  return keywords.slice(0, 10);
}
