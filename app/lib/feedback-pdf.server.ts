// The feedback report as an A4 PDF, in the JD PDF's typography (DejaVu Sans, same palette and
// margins) so every document Hirekit hands out looks alike.
import { PassThrough, type Readable } from "node:stream";
import { createPdf, MARGINS as MARGIN, PALETTE } from "./pdf/theme.server";
import type { FeedbackReport } from "./feedback.server";

const { ink: INK, muted: MUTED, accent: ACCENT, pass: OK, fail: BAD, codeBg: CODE_BG } = PALETTE;

function draw(pdf: PDFKit.PDFDocument, report: FeedbackReport, generatedAt: Date): void {
  const width = pdf.page.width - MARGIN.left - MARGIN.right;
  pdf.font("bold").fontSize(18).fillColor(ACCENT).text("Assessment feedback");
  pdf.moveDown(0.3);
  pdf.font("body").fontSize(11).fillColor(INK).text(`${report.candidateName} — ${report.assessmentTitle}`);
  pdf
    .fontSize(9)
    .fillColor(MUTED)
    .text(`Attempt ${report.attempt}${report.gradedAt ? `, graded ${report.gradedAt.slice(0, 16).replace("T", " ")} UTC` : ""}. Generated ${generatedAt.toISOString().slice(0, 10)}.`);
  pdf.moveDown(0.6);
  const t = report.totals;
  pdf.font("body").fontSize(10).fillColor(INK).text(`Public tests passed: ${t.publicPassed} of ${t.publicTotal}. Hidden tests passed: ${t.hiddenPassed} of ${t.hiddenTotal}.`);
  pdf.moveDown(0.8);

  for (const group of report.competencies) {
    if (pdf.y > pdf.page.height - MARGIN.bottom - 80) pdf.addPage();
    pdf.font("bold").fontSize(13).fillColor(ACCENT).text(group.name);
    pdf.moveDown(0.2);
    for (const test of group.publicTests) {
      pdf.font("bold").fontSize(10).fillColor(test.passed ? OK : BAD).text(test.passed ? "Passed  " : "Failed  ", { continued: true });
      pdf.font("body").fillColor(INK).text(test.title);
      if (test.message) pdf.font("body").fontSize(9).fillColor(MUTED).text(test.message, { indent: 14 });
      for (const command of test.curl) {
        pdf.moveDown(0.15);
        const top = pdf.y;
        const height = pdf.font("body").fontSize(8).heightOfString(command, { width: width - 20 }) + 8;
        if (top + height > pdf.page.height - MARGIN.bottom) pdf.addPage();
        pdf.rect(MARGIN.left + 10, pdf.y, width - 10, height).fill(CODE_BG);
        pdf.fillColor(INK).fontSize(8).text(command, MARGIN.left + 15, pdf.y + 4, { width: width - 20 });
        pdf.x = MARGIN.left;
        pdf.moveDown(0.3);
      }
      pdf.moveDown(0.25);
    }
    if (group.hidden.total > 0) {
      pdf.font("body").fontSize(9).fillColor(MUTED).text(`Hidden tests: ${group.hidden.passed} of ${group.hidden.total} passed.`);
    }
    pdf.moveDown(0.8);
  }
  pdf.moveDown(0.5);
  pdf
    .font("body")
    .fontSize(8)
    .fillColor(MUTED)
    .text(`The curl commands replay the failing requests against your service on http://localhost:${report.port}. Hidden tests are counted but never described.`);
}

export function feedbackPdfStream(report: FeedbackReport, generatedAt = new Date()): Readable {
  const out = new PassThrough();
  try {
    const pdf = createPdf({ info: { Title: `Feedback — ${report.assessmentTitle}`, Author: "Hirekit" }, bufferPages: false });
    pdf.on("error", (error: Error) => out.destroy(error));
    pdf.pipe(out);
    draw(pdf, report, generatedAt);
    pdf.end();
  } catch (error) {
    out.destroy(error as Error);
  }
  return out;
}
