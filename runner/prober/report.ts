// The candidate-facing table printed by check.mjs.
import type { TestResult } from "./contract";
import type { SuiteMeta } from "./suite";

const LABEL = { passed: "PASS", failed: "FAIL", error: "ERR " } as const;

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

function formatPoints(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

export function renderTable(meta: SuiteMeta, results: readonly TestResult[], seed: number): string {
  const lines: string[] = [];
  lines.push(`${meta.title} (${meta.assessmentId} ${meta.version}) — seed ${seed}`, "");
  const idWidth = Math.min(40, Math.max(4, ...results.map((r) => r.id.length)));
  const pointsWidth = Math.max(8, ...results.map((r) => `${formatPoints(r.earned)}/${formatPoints(r.points)}`.length + 1));
  lines.push(`${pad("", 5)}${pad("points", pointsWidth)}${pad("test", idWidth + 2)}title`);
  for (const r of results) {
    lines.push(`${LABEL[r.outcome]} ${pad(`${formatPoints(r.earned)}/${formatPoints(r.points)}`, pointsWidth)}${pad(r.id, idWidth + 2)}${r.title}`);
    if (r.outcome !== "passed" && r.message) lines.push(`       ↳ ${r.message}`);
  }
  const earned = results.reduce((s, r) => s + r.earned, 0);
  const possible = results.reduce((s, r) => s + r.points, 0);
  const passed = results.filter((r) => r.outcome === "passed").length;
  lines.push("");
  lines.push(
    `${passed}/${results.length} tests passed, ${formatPoints(earned)}/${formatPoints(possible)} points` +
      (possible > 0 ? ` (${Math.round((earned / possible) * 100)} %)` : ""),
  );
  if (meta.publicOnly && meta.hidden.count > 0) {
    lines.push(
      `These are the public tests only. ${meta.hidden.count} hidden tests (${formatPoints(meta.hidden.points)} points) also count towards your grade.`,
    );
  }
  return lines.join("\n");
}
