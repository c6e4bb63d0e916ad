import { applyHref, type JdDocument } from "./document";
import { factsLine } from "./format";

/** Escapes characters that would otherwise turn user text into Markdown syntax. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]<>|])/g, "\\$1")
    .replace(/^(\s*)([#+-]|\d+\.)(\s)/, "$1\\$2$3");
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => escapeMarkdown(p.replace(/\s*\n\s*/g, " ").trim()))
    .filter(Boolean);
}

export function toMarkdown(doc: JdDocument): string {
  const out: string[] = [`# ${escapeMarkdown(doc.title)}`, ""];
  const company = doc.company.name ? `**${escapeMarkdown(doc.company.name)}** · ` : "";
  out.push(`${company}${factsLine(doc).map(escapeMarkdown).join(" · ")}`, "");
  out.push(...paragraphs(doc.summary).flatMap((p) => [p, ""]));
  const block = (heading: string, lines: string[]) => {
    if (lines.length === 0) return;
    out.push(`## ${escapeMarkdown(heading)}`, "", ...lines, "");
  };
  block("About us", paragraphs(doc.aboutCompany).flatMap((p, i) => (i === 0 ? [p] : ["", p])));
  for (const section of doc.sections) {
    block(section.heading, section.items.map((item) => `- ${escapeMarkdown(item.text)}`));
  }
  block("Benefits", doc.benefits.map((benefit) => `- ${escapeMarkdown(benefit)}`));
  const apply = applyHref(doc.applyTo);
  const applyLine = apply ? [`**Apply:** <${apply.replace(/^mailto:/, "")}>`] : [];
  block("How to apply", [...paragraphs(doc.howToApply).flatMap((p, i) => (i === 0 ? [p] : ["", p])), ...(applyLine.length && doc.howToApply.trim() ? [""] : []), ...applyLine]);
  if (doc.validThrough) out.push(`_Applications close on ${doc.validThrough}._`, "");
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}
