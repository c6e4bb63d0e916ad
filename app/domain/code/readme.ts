import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

// A candidate's README as HTML: marked renders, sanitize-html keeps only plain document markup.
// No images (a remote image would tell the candidate when a reviewer read the file), no raw
// HTML beyond the allowlist, and links only to http(s) and mailto, opened without a referrer.

const marked = new Marked({ gfm: true });

export function renderReadme(markdown: string): string {
  const html = marked.parse(markdown, { async: false }) as string;
  return sanitizeHtml(html, {
    allowedTags: ["h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "blockquote", "pre", "code", "em", "strong", "del", "a", "hr", "br", "table", "thead", "tbody", "tr", "th", "td"],
    allowedAttributes: { a: ["href", "rel"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowProtocolRelative: false,
    transformTags: {
      a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow" }),
      // The page's own headings carry the document outline; README headings sit below them.
      h1: "h3",
      h2: "h4",
      h3: "h5",
    },
  });
}
