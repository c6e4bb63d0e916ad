// Markdown from assessment authors (brief.md, OpenAPI descriptions) rendered for candidates.
// marked passes raw HTML through and keeps any link scheme, so both are neutralised here:
// raw HTML is shown as text and only http(s), mailto, fragment and relative URLs survive.
import { Marked, type Tokens } from "marked";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function safeUrl(href: string | null | undefined): string | null {
  if (!href) return null;
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  const compact = [...href].filter((ch) => ch.charCodeAt(0) > 0x20 && ch.charCodeAt(0) !== 0x7f).join("");
  if (/^[a-z][a-z0-9+.-]*:/i.test(compact) && !/^(https?|mailto):/i.test(compact)) return null;
  return compact;
}

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
    link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, { href, title, tokens }: Tokens.Link) {
      const text = this.parser.parseInline(tokens);
      const url = safeUrl(href);
      if (!url) return text;
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : "";
      const external = /^https?:/i.test(url) ? ' rel="noopener noreferrer nofollow"' : "";
      return `<a href="${escapeHtml(url)}"${titleAttr}${external}>${text}</a>`;
    },
    image({ href, title, text }: Tokens.Image) {
      const url = safeUrl(href);
      if (!url || /^mailto:/i.test(url)) return escapeHtml(text);
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : "";
      return `<img src="${escapeHtml(url)}" alt="${escapeHtml(text)}"${titleAttr}>`;
    },
  },
});

export function renderMarkdown(source: string): string {
  return marked.parse(source, { async: false }) as string;
}

/** One line of Markdown (code spans, emphasis, links) without a surrounding paragraph. */
export function renderInlineMarkdown(source: string): string {
  return marked.parseInline(source, { async: false }) as string;
}
