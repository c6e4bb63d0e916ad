import type { JdDocument } from "./document";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join("");
}

function list(heading: string, items: string[]): string {
  if (items.length === 0) return "";
  return `<h2>${escapeHtml(heading)}</h2><ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`;
}

/** The JD body as simple HTML: Google for Jobs wants the JobPosting description in HTML. */
export function toDescriptionHtml(doc: JdDocument): string {
  return [
    paragraphs(doc.summary),
    doc.aboutCompany ? `<h2>About us</h2>${paragraphs(doc.aboutCompany)}` : "",
    ...doc.sections.map((section) => list(section.heading, section.items.map((item) => item.text))),
    list("Benefits", doc.benefits),
    doc.howToApply ? `<h2>How to apply</h2>${paragraphs(doc.howToApply)}` : "",
  ].join("");
}
