import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";

// One look for every PDF Hirekit hands out: palette, A4 margins, DejaVu Sans (Latin, Greek and
// Cyrillic names render). The fonts are parsed once per process and registered on each
// document.

export const FONT_DIR = "/usr/share/fonts/truetype/dejavu";

export const PALETTE = {
  ink: "#1d232b",
  muted: "#5b6672",
  accent: "#1f4e79",
  rule: "#c9d2dc",
  pass: "#1b7f3b",
  fail: "#b3261e",
  track: "#e8edf3",
  codeBg: "#f2f4f7",
} as const;

export const MARGINS = { top: 64, bottom: 64, left: 56, right: 56 } as const;

type Fonts = { body: fontkit.Font; bold: fontkit.Font };
// Parsing DejaVu's tables is most of the cost of a render, so each font is parsed once per
// process and the parsed font is shared by every document (pdfkit subsets it per document).
const parsed = new Map<string, Fonts>();

function parseFont(file: string): fontkit.Font {
  const font = fontkit.create(readFileSync(file));
  if (!("layout" in font)) throw new Error(`${file} is a font collection; PDF export needs a single TrueType font.`);
  return font;
}

export function pdfFonts(dir = FONT_DIR): Fonts {
  const cached = parsed.get(dir);
  if (cached) return cached;
  const body = path.join(dir, "DejaVuSans.ttf");
  const bold = path.join(dir, "DejaVuSans-Bold.ttf");
  const missing = [body, bold].filter((file) => !existsSync(file));
  if (missing.length) throw new Error(`PDF export needs the DejaVu fonts, and ${missing.join(", ")} is missing. Install them with "apt-get install fonts-dejavu-core".`);
  const loaded = { body: parseFont(body), bold: parseFont(bold) };
  parsed.set(dir, loaded);
  return loaded;
}

/** An A4 document with the house fonts registered as "body" and "bold". */
export function createPdf(options: PDFKit.PDFDocumentOptions = {}, fontDir = FONT_DIR): PDFKit.PDFDocument {
  const { body, bold } = pdfFonts(fontDir);
  const pdf = new PDFDocument({ size: "A4", margins: MARGINS, lang: "en", ...options });
  // pdfkit 0.20 accepts a parsed fontkit font (anything with layout()); its typings predate that.
  pdf.registerFont("body", body as unknown as Buffer);
  pdf.registerFont("bold", bold as unknown as Buffer);
  pdf.font("body");
  return pdf;
}
