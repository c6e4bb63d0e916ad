import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";

// One look for every PDF Hirekit hands out: palette, A4 margins, DejaVu Sans (Latin, Greek and
// Cyrillic names render). The font files are read once per process and registered on each
// document from memory.

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

type Fonts = { body: Buffer; bold: Buffer };
let fonts: Fonts | undefined;

export function pdfFonts(dir = FONT_DIR): Fonts {
  if (fonts && dir === FONT_DIR) return fonts;
  const body = path.join(dir, "DejaVuSans.ttf");
  const bold = path.join(dir, "DejaVuSans-Bold.ttf");
  const missing = [body, bold].filter((file) => !existsSync(file));
  if (missing.length) throw new Error(`PDF export needs the DejaVu fonts, and ${missing.join(", ")} is missing. Install them with "apt-get install fonts-dejavu-core".`);
  const loaded = { body: readFileSync(body), bold: readFileSync(bold) };
  if (dir === FONT_DIR) fonts = loaded;
  return loaded;
}

/** An A4 document with the house fonts registered as "body" and "bold". */
export function createPdf(options: PDFKit.PDFDocumentOptions = {}): PDFKit.PDFDocument {
  const { body, bold } = pdfFonts();
  const pdf = new PDFDocument({ size: "A4", margins: MARGINS, lang: "en", ...options });
  pdf.registerFont("body", body);
  pdf.registerFont("bold", bold);
  pdf.font("body");
  return pdf;
}
