import hljs from "highlight.js/lib/common";

// Server-side syntax highlighting. highlight.js escapes every character of the source it emits
// and adds only <span class="hljs-…"> elements, so the result is safe to insert as HTML; the
// candidate's text is never interpreted. Lines are split here so each can carry an anchor,
// re-opening spans that a multi-line token (a block comment, a template string) left open.

const TAG = /<span class="[a-z0-9_\- ]+">|<\/span>/g;

export function splitHighlightedLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  for (const raw of html.split("\n")) {
    const prefix = open.join("");
    TAG.lastIndex = 0;
    for (let match = TAG.exec(raw); match; match = TAG.exec(raw)) {
      if (match[0] === "</span>") open.pop();
      else open.push(match[0]);
    }
    lines.push(prefix + raw + "</span>".repeat(open.length));
  }
  return lines;
}

export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#x27;");
}

/** One HTML string per source line: highlighted when the language is known, escaped otherwise. */
export function highlightLines(text: string, language: string | null): string[] {
  if (language && hljs.getLanguage(language)) {
    return splitHighlightedLines(hljs.highlight(text, { language, ignoreIllegals: true }).value);
  }
  return text.split("\n").map(escapeHtml);
}
