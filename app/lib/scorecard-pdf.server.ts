import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { PassThrough, type Readable } from "node:stream";
import PDFDocument from "pdfkit";
import { LEVEL_LABELS } from "~/domain/catalog/levels";
import { REQUIREMENT_LABELS } from "~/domain/scorecard/coverage";
import { RATING_LABELS, describeTally, formatPercent, tallyRecommendations } from "~/domain/scorecard/ratings";
import { formatDuration } from "~/domain/scorecard/timings";
import { DEFAULT_FONT_DIR } from "./jd-pdf.server";
import type { ScorecardDetail } from "./scorecard.server";

// The scorecard as an A4 PDF in the JD export's typography: DejaVu Sans (Latin, Greek and
// Cyrillic names render), the same ink and accent colours, title block, ruled headings,
// "Page n of m" footer and document metadata.

const INK = "#1d232b";
const MUTED = "#5b6672";
const ACCENT = "#1f4e79";
const RULE = "#c9d2dc";
const PASS = "#1b7f3b";
const FAIL = "#b3261e";
const TRACK = "#e8edf3";

const MARGIN = { top: 72, bottom: 72, left: 56, right: 56 };
const BODY = 9.5;

type Fonts = { body: Buffer; bold: Buffer };
let fonts: Fonts | undefined;

function loadFonts(): Fonts {
  if (fonts) return fonts;
  const body = path.join(DEFAULT_FONT_DIR, "DejaVuSans.ttf");
  const bold = path.join(DEFAULT_FONT_DIR, "DejaVuSans-Bold.ttf");
  const missing = [body, bold].filter((file) => !existsSync(file));
  if (missing.length) throw new Error(`PDF export needs the DejaVu fonts, and ${missing.join(", ")} is missing. Install them with "apt-get install fonts-dejavu-core".`);
  fonts = { body: readFileSync(body), bold: readFileSync(bold) };
  return fonts;
}

interface Column {
  header: string;
  width: number;
  align?: "left" | "right";
}

class Writer {
  constructor(readonly pdf: PDFKit.PDFDocument) {}

  get left() {
    return MARGIN.left;
  }
  get width() {
    return this.pdf.page.width - MARGIN.left - MARGIN.right;
  }
  get bottom() {
    return this.pdf.page.height - MARGIN.bottom;
  }

  ensureSpace(height: number): void {
    if (this.pdf.y + height > this.bottom) this.pdf.addPage();
  }

  heading(text: string, keepWith = 40): void {
    const atTop = this.pdf.y <= MARGIN.top + 1;
    this.ensureSpace((atTop ? 0 : 14) + 22 + keepWith);
    if (this.pdf.y > MARGIN.top + 1) this.pdf.y += 14;
    this.pdf.font("bold").fontSize(12.5).fillColor(ACCENT).text(text, this.left, this.pdf.y, { width: this.width });
    const ruleY = this.pdf.y + 2;
    this.pdf.moveTo(this.left, ruleY).lineTo(this.left + this.width, ruleY).lineWidth(0.6).strokeColor(RULE).stroke();
    this.pdf.y = ruleY + 7;
  }

  paragraph(text: string, options: { color?: string; size?: number; bold?: boolean } = {}): void {
    this.pdf
      .font(options.bold ? "bold" : "body")
      .fontSize(options.size ?? BODY)
      .fillColor(options.color ?? INK)
      .text(text, this.left, this.pdf.y, { width: this.width, lineGap: 2 });
    this.pdf.moveDown(0.4);
  }

  /** A table whose rows never split across pages; the header repeats on each new page. */
  table(columns: Column[], rows: string[][], cellColor?: (row: number, column: number) => string | undefined): void {
    const pad = 4;
    const drawHeader = () => {
      let x = this.left;
      const y = this.pdf.y;
      this.pdf.font("bold").fontSize(8.5).fillColor(MUTED);
      for (const column of columns) {
        this.pdf.text(column.header, x + pad, y, { width: column.width - 2 * pad, align: column.align ?? "left" });
        x += column.width;
      }
      this.pdf.y = y + 14;
      this.pdf.moveTo(this.left, this.pdf.y - 2).lineTo(this.left + this.width, this.pdf.y - 2).lineWidth(0.6).strokeColor(RULE).stroke();
    };
    this.ensureSpace(40);
    drawHeader();
    rows.forEach((row, rowIndex) => {
      this.pdf.font("body").fontSize(BODY);
      const height = Math.max(...row.map((cell, i) => this.pdf.heightOfString(cell, { width: columns[i].width - 2 * pad, lineGap: 1.5 }))) + 2 * pad;
      if (this.pdf.y + height > this.bottom) {
        this.pdf.addPage();
        drawHeader();
      }
      const y = this.pdf.y;
      let x = this.left;
      row.forEach((cell, i) => {
        this.pdf
          .font(i === 0 ? "bold" : "body")
          .fontSize(BODY)
          .fillColor(cellColor?.(rowIndex, i) ?? INK)
          .text(cell, x + pad, y + pad, { width: columns[i].width - 2 * pad, align: columns[i].align ?? "left", lineGap: 1.5 });
        x += columns[i].width;
      });
      this.pdf.y = y + height;
      this.pdf.moveTo(this.left, this.pdf.y).lineTo(this.left + this.width, this.pdf.y).lineWidth(0.3).strokeColor(RULE).stroke();
    });
    this.pdf.x = this.left;
    this.pdf.moveDown(0.5);
  }
}

function titleBlock(w: Writer, card: ScorecardDetail, generatedAt: Date): void {
  const { pdf } = w;
  pdf.y = MARGIN.top - 16;
  pdf.font("bold").fontSize(9).fillColor(ACCENT).text("CANDIDATE SCORECARD", w.left, pdf.y, { width: w.width, characterSpacing: 1.2 });
  pdf.moveDown(0.5);
  pdf.font("bold").fontSize(22).fillColor(INK).text(card.invitation.candidateName, w.left, pdf.y, { width: w.width * 0.72, lineGap: 2 });
  const facts = [
    card.invitation.candidateEmail,
    card.assessment.title,
    card.jd ? `${card.jd.title} (${LEVEL_LABELS[card.jd.level]})` : "No job description",
    card.selected ? `Attempt ${card.selected.attempt} of ${card.attempts.length} · ${card.selected.status}` : "No submission",
    `Exported ${generatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
  ].map((fact) => fact.replace(/ /g, "\u00a0"));
  pdf.moveDown(0.3);
  pdf.font("body").fontSize(9).fillColor(MUTED).text(facts.join("   ·   "), w.left, pdf.y, { width: w.width * 0.72, lineGap: 2 });
  const blockBottom = pdf.y;
  const boxX = w.left + w.width * 0.76;
  pdf.font("body").fontSize(8.5).fillColor(MUTED).text("Overall score", boxX, MARGIN.top - 2, { width: w.width * 0.24, align: "right" });
  pdf.font("bold").fontSize(26).fillColor(ACCENT).text(formatPercent(card.selected?.overallScore), boxX, MARGIN.top + 10, { width: w.width * 0.24, align: "right" });
  pdf.y = Math.max(blockBottom, MARGIN.top + 44) + 10;
  pdf.rect(w.left, pdf.y, w.width, 2).fill(ACCENT);
  pdf.y += 14;
}

function competencyBars(w: Writer, card: ScorecardDetail): void {
  const { pdf } = w;
  const labelWidth = 170;
  const valueWidth = 64;
  const requirementWidth = 80;
  const barWidth = w.width - labelWidth - valueWidth - requirementWidth;
  const rowHeight = 20;
  w.heading("Competencies", rowHeight * 2);
  pdf.font("body").fontSize(8.5).fillColor(MUTED).text("Score per competency (bar) and what the job description asks for it.", w.left, pdf.y, { width: w.width });
  pdf.moveDown(0.5);
  for (const c of card.competencies) {
    w.ensureSpace(rowHeight);
    const y = pdf.y;
    pdf.font("bold").fontSize(BODY).fillColor(INK).text(c.name, w.left, y + 3, { width: labelWidth - 8, lineBreak: false, ellipsis: true });
    const barX = w.left + labelWidth;
    pdf.rect(barX, y + 3, barWidth, 11).fill(TRACK);
    if (c.score) pdf.rect(barX, y + 3, Math.max(0.5, barWidth * Math.min(1, c.score.score)), 11).fill(ACCENT);
    pdf
      .font("bold")
      .fontSize(BODY)
      .fillColor(INK)
      .text(c.score ? formatPercent(c.score.score) : "not tested", barX + barWidth + 6, y + 3, { width: valueWidth - 6, lineBreak: false });
    pdf
      .font("body")
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(REQUIREMENT_LABELS[c.requirement], barX + barWidth + valueWidth, y + 4, { width: requirementWidth, align: "right", lineBreak: false });
    pdf.y = y + rowHeight;
  }
  pdf.moveDown(0.5);
  w.table(
    [
      { header: "Competency", width: 150 },
      { header: "Points", width: 60, align: "right" },
      { header: "Tests", width: 50, align: "right" },
      { header: card.jd ? `What the JD asks (${LEVEL_LABELS[card.jd.level]})` : "What the JD asks", width: w.width - 260 },
    ],
    card.competencies.map((c) => [
      c.name,
      c.score ? `${c.score.earned} / ${c.score.possible}` : "—",
      c.testsTotal ? `${c.testsPassed} / ${c.testsTotal}` : "—",
      [REQUIREMENT_LABELS[c.requirement], c.expectation ?? "", ...c.jdItems.map((item) => `• ${item}`)].filter(Boolean).join("\n"),
    ]),
  );
}

function drawDocument(w: Writer, card: ScorecardDetail, generatedAt: Date): void {
  titleBlock(w, card, generatedAt);
  if (card.selected?.failureReason) w.paragraph(`Grading did not complete: ${card.selected.failureReason}`, { color: FAIL, bold: true });
  if (card.coverageWarnings.length) {
    w.heading("Coverage warnings", 30);
    for (const warning of card.coverageWarnings) w.paragraph(`• ${warning}`);
  }
  competencyBars(w, card);

  if (card.tests.length) {
    w.heading("Tests", 60);
    const passed = card.tests.filter((t) => t.outcome === "PASSED").length;
    w.paragraph(`${passed} of ${card.tests.length} tests passed. Hidden tests are included and marked.`, { color: MUTED });
    w.table(
      [
        { header: "Result", width: 52 },
        { header: "Test", width: w.width - 52 - 130 - 50 - 40 },
        { header: "Competency", width: 130 },
        { header: "Shown", width: 50 },
        { header: "Points", width: 40, align: "right" },
      ],
      card.tests.map((t) => [t.outcome, t.message ? `${t.title}\n${t.message}` : t.title, t.competencyName, t.visibility === "HIDDEN" ? "hidden" : "public", String(t.points)]),
      (row, column) => (column === 0 ? (card.tests[row].outcome === "PASSED" ? PASS : FAIL) : undefined),
    );
  }

  if (card.attempts.length) {
    w.heading("Attempts", 40);
    w.table(
      [
        { header: "Attempt", width: 60 },
        { header: "Submitted (UTC)", width: 150 },
        { header: "Status", width: 90 },
        { header: "Score", width: w.width - 300, align: "right" },
      ],
      card.attempts.map((a) => [String(a.attempt), a.createdAt.slice(0, 16).replace("T", " "), a.status, formatPercent(a.overallScore)]),
    );
  }

  if (card.timings.length) {
    w.heading("Stage timings", 40);
    w.table(
      [
        { header: "Stage", width: 150 },
        { header: "Time", width: 100, align: "right" },
      ],
      card.timings.map((t) => [t.stage, formatDuration(t.ms)]),
    );
  }

  const reviews = [...(card.reviews.own?.submittedAt ? [card.reviews.own] : []), ...card.reviews.others];
  w.heading("Reviews", 30);
  w.paragraph(`Recommendations: ${describeTally(tallyRecommendations(reviews.map((r) => r.recommendation)))}.`);
  if (card.reviews.hiddenCount) w.paragraph(`${card.reviews.hiddenCount} submitted review(s) are hidden until you submit your own.`, { color: MUTED });
  for (const review of reviews) {
    w.ensureSpace(60);
    w.paragraph(`${review.reviewerName}: ${review.recommendation ? RATING_LABELS[review.recommendation] : "no recommendation"}`, { bold: true, size: 10.5 });
    if (review.notes) w.paragraph(review.notes);
    const rated = card.competencies.filter((c) => review.ratings[c.id]);
    if (rated.length) {
      w.table(
        [
          { header: "Competency", width: 170 },
          { header: "Rating", width: 80 },
          { header: "Note", width: w.width - 250 },
        ],
        rated.map((c) => [c.name, RATING_LABELS[review.ratings[c.id].rating], review.ratings[c.id].note]),
      );
    }
  }
}

function pageFurniture(w: Writer, card: ScorecardDetail): void {
  const { pdf } = w;
  const range = pdf.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    pdf.switchToPage(index);
    const savedBottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    if (index > range.start) {
      pdf.font("body").fontSize(8).fillColor(MUTED).text(`Scorecard — ${card.invitation.candidateName} — ${card.assessment.title}`, w.left, 34, { width: w.width, lineBreak: false, ellipsis: true });
      pdf.moveTo(w.left, 48).lineTo(w.left + w.width, 48).lineWidth(0.5).strokeColor(RULE).stroke();
    }
    const footerY = pdf.page.height - 46;
    pdf.moveTo(w.left, footerY - 8).lineTo(w.left + w.width, footerY - 8).lineWidth(0.5).strokeColor(RULE).stroke();
    pdf.font("body").fontSize(8).fillColor(MUTED);
    pdf.text("Confidential: hiring team only · Hirekit", w.left, footerY, { width: w.width * 0.7, lineBreak: false });
    pdf.text(`Page ${index - range.start + 1} of ${range.count}`, w.left, footerY, { width: w.width, align: "right", lineBreak: false });
    pdf.page.margins.bottom = savedBottom;
  }
}

/** The scorecard as a PDF byte stream; a rendering failure destroys the stream. */
export function scorecardPdfStream(card: ScorecardDetail, generatedAt = new Date()): Readable {
  const out = new PassThrough();
  try {
    const { body, bold } = loadFonts();
    const pdf = new PDFDocument({
      size: "A4",
      margins: MARGIN,
      bufferPages: true,
      lang: "en",
      displayTitle: true,
      info: {
        Title: `Scorecard: ${card.invitation.candidateName}`,
        Author: "Hirekit",
        Subject: `${card.assessment.title}${card.jd ? ` for ${card.jd.title}` : ""}`,
        Keywords: card.competencies.map((c) => c.name).join(", "),
        Creator: "Hirekit",
      },
    });
    pdf.registerFont("body", body);
    pdf.registerFont("bold", bold);
    pdf.on("error", (error: Error) => out.destroy(error));
    pdf.pipe(out);
    const writer = new Writer(pdf);
    drawDocument(writer, card, generatedAt);
    pageFurniture(writer, card);
    pdf.end();
  } catch (error) {
    out.destroy(error as Error);
  }
  return out;
}

export function scorecardPdfFileName(card: ScorecardDetail): string {
  const slug = card.invitation.candidateName
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "-");
  return `scorecard-${slug || card.invitation.id}${card.selected ? `-attempt-${card.selected.attempt}` : ""}.pdf`;
}
