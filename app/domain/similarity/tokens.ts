// Source code as a stream of normalised tokens for the similarity check: comments and whitespace
// dropped, every identifier that is not a keyword becomes "V", every string "S" and every number
// "N", and JavaScript's optional semicolons go. Renaming variables, reformatting or rewording
// comments then changes nothing.

export type SourceLanguage = "js" | "python";

export interface Token {
  text: string;
  line: number;
}

const JS_KEYWORDS = new Set(
  "async await break case catch class const continue debugger default delete do else export extends false finally for from function if import in instanceof let new null of return static super switch this throw true try typeof undefined var void while with yield interface type enum implements private protected public readonly as".split(" "),
);
const PY_KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield self".split(" "),
);

export function languageOfPath(path: string): SourceLanguage | null {
  if (/\.(m|c)?(j|t)sx?$/i.test(path)) return "js";
  if (/\.py$/i.test(path)) return "python";
  return null;
}

const IDENT_START = /[A-Za-z_$\u00c0-\uffff]/;
const IDENT_PART = /[A-Za-z0-9_$\u00c0-\uffff]/;
const DIGIT = /[0-9]/;

export function tokenize(source: string, language: SourceLanguage): Token[] {
  const keywords = language === "js" ? JS_KEYWORDS : PY_KEYWORDS;
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  const n = source.length;
  const skipTo = (end: number) => {
    for (let j = i; j < end && j < n; j++) if (source.charCodeAt(j) === 10) line += 1;
    i = Math.min(end, n);
  };
  while (i < n) {
    const c = source[i];
    if (c === "\n") {
      line += 1;
      i += 1;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      i += 1;
      continue;
    }
    if (language === "js" && c === "/" && source[i + 1] === "/") {
      const end = source.indexOf("\n", i);
      i = end === -1 ? n : end;
      continue;
    }
    if (language === "js" && c === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      skipTo(end === -1 ? n : end + 2);
      continue;
    }
    if (language === "python" && c === "#") {
      const end = source.indexOf("\n", i);
      i = end === -1 ? n : end;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") {
      const start = line;
      const triple = language === "python" && source.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < n) {
        if (source[j] === "\\") {
          j += 2;
          continue;
        }
        if (source.startsWith(quote, j)) break;
        // An unterminated one-line string ends at the line break.
        if (!triple && c !== "`" && source[j] === "\n") break;
        j += 1;
      }
      skipTo(j + quote.length);
      tokens.push({ text: "S", line: start });
      continue;
    }
    if (DIGIT.test(c)) {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(source[j])) j += 1;
      tokens.push({ text: "N", line });
      i = j;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(source[j])) j += 1;
      const word = source.slice(i, j);
      tokens.push({ text: keywords.has(word) ? word : "V", line });
      i = j;
      continue;
    }
    // Semicolons are optional in JavaScript: with or without them, the program is the same.
    if (!(language === "js" && c === ";")) tokens.push({ text: c, line });
    i += 1;
  }
  return tokens;
}
