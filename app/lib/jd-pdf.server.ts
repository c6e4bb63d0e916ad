import { PassThrough, type Readable, type Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { LEVEL_LABELS } from "~/domain/catalog/levels";
import { applyHref, type JdDocument } from "~/domain/jd/document";
import { factsLine } from "~/domain/jd/format";
import { createPdf, FONT_DIR, MARGINS, PALETTE } from "./pdf/theme.server";

// A4 job description rendered with pdfkit in the house PDF theme (DejaVu Sans, so Latin, Greek
// and Cyrillic render).

const { ink: INK, muted: MUTED, accent: ACCENT, rule: RULE } = PALETTE;
// A little less paper above and below than the house margins, so a typical senior JD fits two
// pages; the page header and footer are drawn inside these.
const MARGIN = { ...MARGINS, top: 60, bottom: 58 };
const BODY_SIZE = 9.5;
const BODY_GAP = 1.8;
const BULLET_INDENT = 15;

export interface PdfOptions {
  fontDir?: string;
  /** The organisation's logo (PNG or JPEG), drawn at the top right of the first page. */
  logo?: Buffer | null;
}

/** Renders the JD into `output` and resolves once the whole file has been written there. */
export async function renderJdPdf(doc: JdDocument, output: Writable, options: PdfOptions = {}): Promise<void> {
  const pdf = createJdPdf(doc, options);
  pdf.pipe(output);
  drawDocument(pdf, doc, options);
  pdf.end();
  await finished(output);
}

/**
 * The JD as a readable PDF stream, for an HTTP response. Rendering happens synchronously up to
 * pdfkit's buffers; the bytes flow as the consumer reads, and a failure destroys the stream.
 */
export function jdPdfStream(doc: JdDocument, options: PdfOptions = {}): Readable {
  const out = new PassThrough();
  try {
    const pdf = createJdPdf(doc, options);
    pdf.on("error", (error: Error) => out.destroy(error));
    pdf.pipe(out);
    drawDocument(pdf, doc, options);
    pdf.end();
  } catch (error) {
    out.destroy(error as Error);
  }
  return out;
}

export function pdfFileName(doc: JdDocument): string {
  return `${doc.seo.slug || "job-description"}.pdf`;
}

function createJdPdf(doc: JdDocument, options: PdfOptions): PDFKit.PDFDocument {
  const author = doc.company.name || "Hirekit";
  return createPdf(
    {
      margins: MARGIN,
      bufferPages: true,
      autoFirstPage: true,
      displayTitle: true,
      info: {
        Title: doc.title,
        Author: author,
        Subject: `${LEVEL_LABELS[doc.level]} job description: ${doc.title}`,
        Keywords: doc.seo.keywords.join(", "),
        Creator: "Hirekit",
      },
    },
    options.fontDir ?? FONT_DIR,
  );
}

interface Layout {
  left: number;
  width: number;
  bottom: number;
}

function layoutOf(pdf: PDFKit.PDFDocument): Layout {
  return {
    left: MARGIN.left,
    width: pdf.page.width - MARGIN.left - MARGIN.right,
    bottom: pdf.page.height - MARGIN.bottom,
  };
}

function bodyHeight(pdf: PDFKit.PDFDocument, text: string, width: number): number {
  return pdf.font("body").fontSize(BODY_SIZE).heightOfString(text, { width, lineGap: BODY_GAP });
}

function lineHeight(pdf: PDFKit.PDFDocument): number {
  return pdf.font("body").fontSize(BODY_SIZE).currentLineHeight(true) + BODY_GAP;
}

function splitParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean);
}

function drawDocument(pdf: PDFKit.PDFDocument, doc: JdDocument, options: PdfOptions): void {
  drawTitleBlock(pdf, doc, options.logo ?? null);
  const { width } = layoutOf(pdf);

  for (const paragraph of splitParagraphs(doc.summary)) drawParagraph(pdf, paragraph, 10);

  const aboutUs = splitParagraphs(doc.aboutCompany);
  if (aboutUs.length > 0) {
    drawHeading(pdf, "About us", Math.min(bodyHeight(pdf, aboutUs[0]!, width), 3 * lineHeight(pdf)));
    for (const paragraph of aboutUs) drawParagraph(pdf, paragraph);
  }
  for (const section of doc.sections) {
    drawList(pdf, section.heading, section.items.map((item) => item.text));
  }
  drawList(pdf, "Benefits", doc.benefits);
  const apply = splitParagraphs(doc.howToApply);
  const applyLink = applyHref(doc.applyTo);
  if (apply.length > 0 || applyLink) {
    drawHeading(pdf, "How to apply", Math.min(bodyHeight(pdf, apply[0] ?? doc.applyTo, width), 3 * lineHeight(pdf)));
    for (const paragraph of apply) drawParagraph(pdf, paragraph);
    if (applyLink) drawApplyLink(pdf, doc.applyTo.trim(), applyLink);
  }
  if (doc.validThrough) {
    pdf.moveDown(0.6);
    pdf.font("bold").fontSize(BODY_SIZE).fillColor(ACCENT).text(`Applications close on ${formatDate(doc.validThrough)}.`, MARGIN.left, pdf.y, { width });
  }
  drawPageFurniture(pdf, doc);
}

/** "Apply: <address>" as a clickable link; the address is printed too, for paper copies. */
function drawApplyLink(pdf: PDFKit.PDFDocument, shown: string, href: string): void {
  const { left, width } = layoutOf(pdf);
  pdf.font("bold").fontSize(BODY_SIZE).fillColor(INK).text("Apply: ", left, pdf.y, { continued: true, lineGap: BODY_GAP });
  pdf.font("body").fillColor(ACCENT).text(shown, { link: href, underline: true, width: width - pdf.widthOfString("Apply: "), lineGap: BODY_GAP });
  pdf.fillColor(INK);
  pdf.moveDown(0.6);
}

const LOGO_BOX = { width: 110, height: 34 } as const;

function drawTitleBlock(pdf: PDFKit.PDFDocument, doc: JdDocument, logo: Buffer | null): void {
  const { left, width } = layoutOf(pdf);
  pdf.y = MARGIN.top - 16;
  // The logo sits at the top right, beside the company name and title, which wrap short of it.
  const titleWidth = logo ? width - LOGO_BOX.width - 14 : width;
  if (logo) {
    const top = pdf.y;
    pdf.image(logo, left + width - LOGO_BOX.width, top, { fit: [LOGO_BOX.width, LOGO_BOX.height], align: "right" });
    pdf.y = top;
  }
  if (doc.company.name) {
    pdf.font("bold").fontSize(9).fillColor(ACCENT).text(doc.company.name.toUpperCase(), left, pdf.y, { width: titleWidth, characterSpacing: 1.2 });
    pdf.moveDown(0.5);
  }
  pdf.font("bold").fontSize(22).fillColor(INK).text(doc.title, left, pdf.y, { width: titleWidth, lineGap: 2 });
  pdf.moveDown(0.35);
  // Non-breaking spaces inside each fact, and a word joiner after a range's dash, so lines
  // only wrap between facts and a salary range never splits.
  const facts = [`${LEVEL_LABELS[doc.level]} level`, ...factsLine(doc)].map((fact) => fact.replace(/ /g, "\u00a0").replace(/–/g, "–\u2060"));
  pdf.font("body").fontSize(9.5).fillColor(MUTED).text(facts.join("   ·   "), left, pdf.y, { width, lineGap: 2 });
  pdf.moveDown(0.8);
  pdf.rect(left, pdf.y, width, 2).fill(ACCENT);
  pdf.y += 16;
}

function drawParagraph(pdf: PDFKit.PDFDocument, text: string, size = BODY_SIZE): void {
  const { left, width } = layoutOf(pdf);
  pdf.font("body").fontSize(size).fillColor(INK).text(text, left, pdf.y, { width, lineGap: BODY_GAP + 0.5, align: "left" });
  pdf.moveDown(0.6);
}

/**
 * Starts a new page when the heading and the first `keepWith` points of what follows would
 * not fit, so a heading never ends a page on its own.
 */
function drawHeading(pdf: PDFKit.PDFDocument, text: string, keepWith: number): void {
  const { left, width, bottom } = layoutOf(pdf);
  const spaceBefore = 10;
  pdf.font("bold").fontSize(12.5);
  const headingHeight = pdf.heightOfString(text, { width });
  const atTop = pdf.y <= MARGIN.top + 1;
  if (pdf.y + (atTop ? 0 : spaceBefore) + headingHeight + 10 + keepWith > bottom) {
    pdf.addPage();
  } else if (!atTop) {
    pdf.y += spaceBefore;
  }
  pdf.font("bold").fontSize(12.5).fillColor(ACCENT).text(text, left, pdf.y, { width });
  const ruleY = pdf.y + 2;
  pdf.moveTo(left, ruleY).lineTo(left + width, ruleY).lineWidth(0.6).strokeColor(RULE).stroke();
  pdf.y = ruleY + 7;
}

function drawList(pdf: PDFKit.PDFDocument, heading: string, items: string[]): void {
  if (items.length === 0) return;
  const { left, width } = layoutOf(pdf);
  const textWidth = width - BULLET_INDENT;
  drawHeading(pdf, heading, bodyHeight(pdf, items[0]!, textWidth));
  for (const item of items) {
    const { bottom } = layoutOf(pdf);
    const height = bodyHeight(pdf, item, textWidth);
    // An item that fits on a page is never split across two.
    if (pdf.y + height > bottom && height < bottom - MARGIN.top) pdf.addPage();
    const top = pdf.y;
    const firstLine = pdf.font("body").fontSize(BODY_SIZE).currentLineHeight();
    pdf.circle(left + 4, top + firstLine * 0.55, 1.7).fill(ACCENT);
    pdf.font("body").fontSize(BODY_SIZE).fillColor(INK).text(item, left + BULLET_INDENT, top, { width: textWidth, lineGap: BODY_GAP });
    pdf.y += 2.5;
  }
  pdf.x = left;
}

/** Header on every page but the first, footer with "Page n of m" on all of them. */
function drawPageFurniture(pdf: PDFKit.PDFDocument, doc: JdDocument): void {
  const range = pdf.bufferedPageRange();
  const header = [doc.company.name, doc.title].filter(Boolean).join(" — ");
  const footerLeft = [doc.company.name, doc.company.website.replace(/^https?:\/\//, "")].filter(Boolean).join(" · ");
  for (let index = range.start; index < range.start + range.count; index++) {
    pdf.switchToPage(index);
    const { left, width } = layoutOf(pdf);
    // Writing inside the margins would otherwise make pdfkit start a new page.
    const savedBottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    if (index > range.start) {
      pdf.font("body").fontSize(8).fillColor(MUTED).text(header, left, 34, { width, lineBreak: false, ellipsis: true });
      pdf.moveTo(left, 48).lineTo(left + width, 48).lineWidth(0.5).strokeColor(RULE).stroke();
    }
    const footerY = pdf.page.height - 46;
    pdf.moveTo(left, footerY - 8).lineTo(left + width, footerY - 8).lineWidth(0.5).strokeColor(RULE).stroke();
    const pageLabel = `Page ${index - range.start + 1} of ${range.count}`;
    pdf.font("body").fontSize(8).fillColor(MUTED);
    if (footerLeft) pdf.text(footerLeft, left, footerY, { width: width * 0.7, lineBreak: false, ellipsis: true });
    pdf.text(pageLabel, left, footerY, { width, align: "right", lineBreak: false });
    pdf.page.margins.bottom = savedBottom;
  }
}

function formatDate(isoDate: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`));
}
