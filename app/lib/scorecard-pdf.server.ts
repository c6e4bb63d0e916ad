import { PassThrough, type Readable } from "node:stream";
import { LEVEL_LABELS } from "~/domain/catalog/levels";
import { REQUIREMENT_LABELS } from "~/domain/scorecard/coverage";
import { ordinal } from "~/domain/scorecard/percentile";
import { RATING_LABELS, describeTally, formatPercent, tallyRecommendations } from "~/domain/scorecard/ratings";
import { createPdf, MARGINS, PALETTE } from "./pdf/theme.server";
import type { ScorecardDetail } from "./scorecard.server";

// The scorecard as an A4 PDF in the house style (lib/pdf/theme). Built to fit a typical
// candidate on three pages: one competency table with an inline bar (no separate chart), the
// tests as one compact table, and the reviews with every competency's rating or "Not assessed".
// Every text box is given its column's width and measured before it is drawn, so nothing
// overlaps, and a table header is only drawn with at least one of its rows below it.

const { ink: INK, muted: MUTED, accent: ACCENT, rule: RULE, pass: PASS, fail: FAIL, track: TRACK } = PALETTE;
const BODY = 8;
const SMALL = 7.5;
const PAD = 3;
const MESSAGE_CAP = 120;

interface Column {
  header: string;
  width: number;
  align?: "left" | "right";
}

type Cell = string | { text: string; color?: string; bar?: number | null };

function cellText(cell: Cell): string {
  return typeof cell === "string" ? cell : cell.text;
}

class Writer {
  constructor(readonly pdf: PDFKit.PDFDocument) {}

  get left() {
    return MARGINS.left;
  }
  get width() {
    return this.pdf.page.width - MARGINS.left - MARGINS.right;
  }
  get bottom() {
    return this.pdf.page.height - MARGINS.bottom;
  }

  ensureSpace(height: number): void {
    if (this.pdf.y + height > this.bottom) this.pdf.addPage();
  }

  heading(text: string, keepWith: number): void {
    const atTop = this.pdf.y <= MARGINS.top + 1;
    this.ensureSpace((atTop ? 0 : 10) + 18 + keepWith);
    if (this.pdf.y > MARGINS.top + 1) this.pdf.y += 10;
    this.pdf.font("bold").fontSize(11).fillColor(ACCENT).text(text, this.left, this.pdf.y, { width: this.width });
    const ruleY = this.pdf.y + 1;
    this.pdf.moveTo(this.left, ruleY).lineTo(this.left + this.width, ruleY).lineWidth(0.6).strokeColor(RULE).stroke();
    this.pdf.y = ruleY + 5;
  }

  paragraph(text: string, options: { color?: string; size?: number; bold?: boolean } = {}): void {
    this.pdf
      .font(options.bold ? "bold" : "body")
      .fontSize(options.size ?? BODY)
      .fillColor(options.color ?? INK)
      .text(text, this.left, this.pdf.y, { width: this.width, lineGap: 1.5 });
    this.pdf.moveDown(0.3);
  }

  private rowHeight(columns: Column[], row: Cell[], boldFirst: boolean): number {
    return (
      Math.max(
        ...row.map((cell, i) => {
          this.pdf.font(i === 0 && boldFirst ? "bold" : "body").fontSize(BODY);
          const bar = typeof cell !== "string" && cell.bar !== undefined ? 7 : 0;
          return this.pdf.heightOfString(cellText(cell) || " ", { width: columns[i].width - 2 * PAD, lineGap: 1 }) + bar;
        }),
      ) +
      2 * PAD
    );
  }

  private headerHeight(columns: Column[]): number {
    this.pdf.font("bold").fontSize(SMALL);
    return Math.max(...columns.map((c) => this.pdf.heightOfString(c.header, { width: c.width - 2 * PAD }))) + 2 * PAD;
  }

  private drawHeader(columns: Column[]): void {
    const y = this.pdf.y;
    const height = this.headerHeight(columns);
    let x = this.left;
    this.pdf.font("bold").fontSize(SMALL).fillColor(MUTED);
    for (const column of columns) {
      this.pdf.text(column.header, x + PAD, y + PAD, { width: column.width - 2 * PAD, align: column.align ?? "left" });
      x += column.width;
    }
    this.pdf.y = y + height;
    this.pdf.moveTo(this.left, this.pdf.y).lineTo(this.left + this.width, this.pdf.y).lineWidth(0.6).strokeColor(RULE).stroke();
  }

  /** Rows never split across pages; the header repeats on each page and never stands alone. */
  table(columns: Column[], rows: Cell[][], options: { boldFirst?: boolean } = {}): void {
    const boldFirst = options.boldFirst ?? true;
    const header = this.headerHeight(columns);
    this.ensureSpace(header + (rows.length ? this.rowHeight(columns, rows[0], boldFirst) : 0));
    this.drawHeader(columns);
    for (const row of rows) {
      const height = this.rowHeight(columns, row, boldFirst);
      if (this.pdf.y + height > this.bottom) {
        this.pdf.addPage();
        this.drawHeader(columns);
      }
      const y = this.pdf.y;
      let x = this.left;
      row.forEach((cell, i) => {
        const width = columns[i].width - 2 * PAD;
        this.pdf
          .font(i === 0 && boldFirst ? "bold" : "body")
          .fontSize(BODY)
          .fillColor((typeof cell !== "string" && cell.color) || INK)
          .text(cellText(cell), x + PAD, y + PAD, { width, align: columns[i].align ?? "left", lineGap: 1 });
        if (typeof cell !== "string" && cell.bar !== undefined) {
          const barY = this.pdf.y + 1;
          this.pdf.rect(x + PAD, barY, width, 4).fill(TRACK);
          if (cell.bar !== null) this.pdf.rect(x + PAD, barY, Math.max(0.5, width * Math.min(1, cell.bar)), 4).fill(ACCENT);
        }
        x += columns[i].width;
      });
      this.pdf.y = y + height;
      this.pdf.moveTo(this.left, this.pdf.y).lineTo(this.left + this.width, this.pdf.y).lineWidth(0.3).strokeColor(RULE).stroke();
    }
    this.pdf.x = this.left;
    this.pdf.moveDown(0.4);
  }
}

function titleBlock(w: Writer, card: ScorecardDetail, generatedAt: Date): void {
  const { pdf } = w;
  const textWidth = w.width * 0.7;
  const boxX = w.left + w.width * 0.74;
  const boxWidth = w.width * 0.26;
  const top = MARGINS.top - 16;
  pdf.font("bold").fontSize(8).fillColor(ACCENT).text("CANDIDATE SCORECARD", w.left, top, { width: textWidth, characterSpacing: 1.2 });
  pdf.moveDown(0.4);
  pdf.font("bold").fontSize(18).fillColor(INK).text(card.invitation.candidateName, w.left, pdf.y, { width: textWidth });
  const facts = [
    card.invitation.candidateEmail,
    card.assessment.title,
    card.jd ? `${card.jd.title} (${LEVEL_LABELS[card.jd.level]})` : "No job description",
    card.selected ? `Attempt ${card.selected.attempt} of ${card.attempts.length} · ${card.selected.status}` : "No submission",
    `Exported ${generatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
  ];
  pdf.moveDown(0.2);
  pdf.font("body").fontSize(8).fillColor(MUTED).text(facts.join("  ·  "), w.left, pdf.y, { width: textWidth, lineGap: 1.5 });
  const textBottom = pdf.y;

  pdf.font("body").fontSize(7.5).fillColor(MUTED).text("Overall score", boxX, top, { width: boxWidth, align: "right" });
  pdf.font("bold").fontSize(22).fillColor(ACCENT).text(formatPercent(card.selected?.overallScore), boxX, pdf.y, { width: boxWidth, align: "right" });
  const { percentile, count, minCount } = card.context;
  const context = percentile !== null ? `${ordinal(percentile)} percentile of ${count} graded` : count < minCount ? `${count} graded so far; percentile from ${minCount}` : "";
  if (context) pdf.font("body").fontSize(7.5).fillColor(MUTED).text(context, boxX, pdf.y, { width: boxWidth, align: "right" });
  pdf.y = Math.max(textBottom, pdf.y) + 6;
  pdf.rect(w.left, pdf.y, w.width, 1.5).fill(ACCENT);
  pdf.y += 8;
}

function competencies(w: Writer, card: ScorecardDetail): void {
  w.heading("Competencies", 40);
  w.table(
    [
      { header: "Competency", width: 150 },
      { header: "Score", width: 78 },
      { header: "Tests passed", width: 46, align: "right" },
      { header: card.jd ? `What the JD asks (${LEVEL_LABELS[card.jd.level]})` : "What the JD asks", width: w.width - 274 },
    ],
    card.competencies.map((c) => [
      c.name,
      { text: c.score ? `${formatPercent(c.score.score)} (${c.score.earned} / ${c.score.possible} pt)` : "not tested", bar: c.score ? c.score.score : null },
      c.testsTotal ? `${c.testsPassed} / ${c.testsTotal}` : "—",
      [REQUIREMENT_LABELS[c.requirement], ...c.jdItems].join(" · "),
    ]),
  );
}

function tests(w: Writer, card: ScorecardDetail): void {
  if (!card.tests.length) return;
  const passed = card.tests.filter((t) => t.outcome === "PASSED").length;
  w.heading("Tests", 50);
  w.paragraph(`${passed} of ${card.tests.length} passed; hidden tests are included and marked.`, { color: MUTED, size: SMALL });
  w.table(
    [
      { header: "Result", width: 46 },
      { header: "Test", width: w.width - 46 - 110 - 34 },
      { header: "Competency", width: 110 },
      { header: "Points", width: 34, align: "right" },
    ],
    card.tests.map((t) => {
      const message = t.message && t.outcome !== "PASSED" ? `\n${t.message.length > MESSAGE_CAP ? `${t.message.slice(0, MESSAGE_CAP - 1)}…` : t.message}` : "";
      return [
        { text: t.outcome, color: t.outcome === "PASSED" ? PASS : FAIL },
        `${t.title}${t.visibility === "HIDDEN" ? " (hidden)" : ""}${message}`,
        t.competencyName,
        String(t.points),
      ];
    }),
    { boldFirst: false },
  );
}

function attempts(w: Writer, card: ScorecardDetail): void {
  if (card.attempts.length < 2) return;
  w.heading("Attempts", 40);
  w.table(
    [
      { header: "Attempt", width: 60 },
      { header: "Submitted (UTC)", width: 130 },
      { header: "Status", width: 90 },
      { header: "Score", width: w.width - 280, align: "right" },
    ],
    card.attempts.map((a) => [String(a.attempt), a.createdAt.slice(0, 16).replace("T", " "), a.status, formatPercent(a.overallScore)]),
  );
}

function reviews(w: Writer, card: ScorecardDetail): void {
  const submitted = [...(card.reviews.own?.submittedAt ? [card.reviews.own] : []), ...card.reviews.others];
  w.heading("Reviews", 30);
  w.paragraph(`Recommendations: ${describeTally(tallyRecommendations(submitted.map((r) => r.recommendation)))}.`);
  if (card.reviews.hiddenCount) w.paragraph(`${card.reviews.hiddenCount} submitted review(s) are hidden until you submit your own.`, { color: MUTED });
  if (!submitted.length) return;
  // One column per reviewer. Competencies somebody rated or the assessment tests get a row each
  // ("Not assessed" where a reviewer gave no rating); the rest share one line, so an unrated
  // competency is stated as such rather than left out or given a number.
  const nameWidth = 150;
  const each = Math.min(110, (w.width - nameWidth) / submitted.length);
  const rowed = card.competencies.filter((c) => c.assessed || submitted.some((review) => review.ratings[c.id]));
  const unrated = card.competencies.filter((c) => !rowed.includes(c));
  w.table(
    [{ header: "Competency", width: nameWidth }, ...submitted.map((review) => ({ header: review.reviewerName, width: each }))],
    [
      ["Recommendation", ...submitted.map((review) => (review.recommendation ? RATING_LABELS[review.recommendation] : "none"))],
      ...rowed.map((c) => [
        c.name,
        ...submitted.map((review) => {
          const rating = review.ratings[c.id];
          return rating ? { text: RATING_LABELS[rating.rating] } : { text: "Not assessed", color: MUTED };
        }),
      ]),
    ],
  );
  if (unrated.length) w.paragraph(`Not assessed by any reviewer: ${unrated.map((c) => c.name).join(", ")}.`, { color: MUTED });
  for (const review of submitted) {
    const notes = Object.entries(review.ratings)
      .filter(([, r]) => r.note)
      .map(([id, r]) => `${card.competencies.find((c) => c.id === id)?.name ?? id}: ${r.note}`);
    if (!review.notes && !notes.length && !review.comments.length) continue;
    w.ensureSpace(40);
    w.paragraph(review.reviewerName, { bold: true, size: 9 });
    if (review.notes) w.paragraph(review.notes);
    for (const note of notes) w.paragraph(`• ${note}`);
    if (review.comments.length) {
      w.table(
        [
          { header: "Code comment on", width: 170 },
          { header: "Comment", width: w.width - 170 },
        ],
        review.comments.map((c) => [`attempt ${c.attempt} · ${c.path}${c.line ? `:${c.line}` : ""}`, c.body]),
        { boldFirst: false },
      );
    }
  }
}

function drawDocument(w: Writer, card: ScorecardDetail, generatedAt: Date): void {
  titleBlock(w, card, generatedAt);
  if (card.selected?.failureReason) w.paragraph(`Grading did not complete: ${card.selected.failureReason}`, { color: FAIL, bold: true });
  if (card.coverageWarnings.length) {
    w.heading("Coverage warnings", 24);
    for (const warning of card.coverageWarnings) w.paragraph(`• ${warning}`);
  }
  competencies(w, card);
  if (card.similarity?.matches.length) {
    const top = card.similarity.matches[0];
    w.paragraph(
      `Similarity check: ${card.similarity.matches.length} match(es) with other candidates' code, the highest ${Math.round(top.score * 100)} % with ${top.otherCandidate}. Evidence for a reviewer to read, not a decision.`,
      { color: FAIL },
    );
  }
  reviews(w, card);
  tests(w, card);
  attempts(w, card);
}

function pageFurniture(w: Writer, card: ScorecardDetail): void {
  const { pdf } = w;
  const range = pdf.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    pdf.switchToPage(index);
    const savedBottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    if (index > range.start) {
      pdf.font("body").fontSize(7.5).fillColor(MUTED).text(`Scorecard — ${card.invitation.candidateName} — ${card.assessment.title}`, w.left, 30, { width: w.width, lineBreak: false, ellipsis: true });
      pdf.moveTo(w.left, 42).lineTo(w.left + w.width, 42).lineWidth(0.5).strokeColor(RULE).stroke();
    }
    const footerY = pdf.page.height - 40;
    pdf.moveTo(w.left, footerY - 6).lineTo(w.left + w.width, footerY - 6).lineWidth(0.5).strokeColor(RULE).stroke();
    pdf.font("body").fontSize(7.5).fillColor(MUTED);
    pdf.text("Confidential: hiring team only · Hirekit", w.left, footerY, { width: w.width * 0.6, lineBreak: false });
    pdf.text(`Page ${index - range.start + 1} of ${range.count}`, w.left + w.width * 0.6, footerY, { width: w.width * 0.4, align: "right", lineBreak: false });
    pdf.page.margins.bottom = savedBottom;
  }
}

/** The scorecard as a PDF byte stream; a rendering failure destroys the stream. */
export function scorecardPdfStream(card: ScorecardDetail, generatedAt = new Date()): Readable {
  const out = new PassThrough();
  try {
    const pdf = createPdf({
      bufferPages: true,
      displayTitle: true,
      info: {
        Title: `Scorecard: ${card.invitation.candidateName}`,
        Author: "Hirekit",
        Subject: `${card.assessment.title}${card.jd ? ` for ${card.jd.title}` : ""}`,
        Keywords: card.competencies.map((c) => c.name).join(", "),
        Creator: "Hirekit",
      },
    });
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
