import type { GradeResult } from "../pipeline/grade";

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

function clip(text: string, width: number): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > width ? `${oneLine.slice(0, width - 1)}…` : oneLine;
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => pad(cell, widths[column]))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

const percent = (value: number) => `${Math.round(value * 1000) / 10} %`;
const points = (value: number) => String(Math.round(value * 100) / 100);

/** The CLI's readable report: tests, scores per competency, status, timings. */
export function formatGradeResult(result: GradeResult): string {
  const out: string[] = [];
  out.push(`${result.assessment.id} ${result.assessment.version} — ${result.solutionKind ?? "no runnable solution"}`);
  if (result.results.length > 0) {
    out.push("");
    out.push(
      table(
        ["test", "competency", "points", "outcome", "message"],
        result.results.map((test) => [
          `${test.id}${test.visibility === "hidden" ? " (hidden)" : ""}`,
          test.competency,
          `${points(test.earned)}/${points(test.points)}`,
          test.outcome,
          clip(test.message ?? "", 80),
        ]),
      ),
    );
  }
  if (result.scores) {
    out.push("");
    out.push(
      table(
        ["competency", "earned", "possible", "score"],
        Object.entries(result.scores.competencies).map(([id, score]) => [
          id,
          points(score.earned),
          points(score.possible),
          percent(score.score),
        ]),
      ),
    );
    out.push("");
    out.push(`overall: ${percent(result.scores.overall)}`);
  }
  out.push("");
  out.push(`status: ${result.status}${result.reason ? ` — ${result.reason}` : ""}`);
  for (const note of result.notes) out.push(`note: ${note}`);
  const stages = Object.entries(result.timings)
    .filter(([stage]) => stage !== "total")
    .map(([stage, ms]) => `${stage} ${ms} ms`);
  out.push(`timings: ${stages.join(", ")}; total ${result.timings.total} ms`);
  return out.join("\n");
}
