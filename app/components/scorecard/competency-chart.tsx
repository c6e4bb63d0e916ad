import { chartLayout, type ChartInput } from "~/domain/scorecard/chart";

const LEGEND: Record<ChartInput["requirement"], string> = {
  required: "Required in the JD",
  "nice-to-have": "Nice to have in the JD",
  mentioned: "Mentioned in the JD",
  "not-in-jd": "Not in the JD",
};

const FILL: Record<ChartInput["requirement"], string> = {
  required: "#1f5fbf",
  "nice-to-have": "#5b8fd9",
  mentioned: "#8aa6cc",
  "not-in-jd": "#8a8f99",
};

const MAX_LABEL = 40;

/**
 * Server-rendered bars of each competency's score, coloured by what the JD asks for. The SVG is
 * decorative for screen readers (aria-hidden); the table beside it carries the same figures.
 */
export function CompetencyChart({ rows, titleId }: { rows: ChartInput[]; titleId: string }) {
  const layout = chartLayout(rows);
  const legend = [...new Set(rows.map((row) => row.requirement))];
  return (
    <figure className="sc-chart" aria-labelledby={titleId}>
      <svg viewBox={`-2 0 ${layout.width + 4} ${layout.height}`} className="sc-chart-svg" aria-hidden="true" focusable="false">
        {layout.ticks.map((tick) => (
          <g key={tick.label}>
            <line x1={tick.x} x2={tick.x} y1={layout.top} y2={layout.height - 18} stroke="#d8dde6" strokeWidth="1" />
            <text x={tick.x} y={layout.height - 4} fontSize="11" textAnchor={tick.x === 0 ? "start" : tick.x >= layout.width ? "end" : "middle"} fill="#5b6577">
              {tick.label} %
            </text>
          </g>
        ))}
        {layout.bars.map((bar) => (
          <g key={bar.label}>
            <text x={0} y={bar.labelY} fontSize="13" fill="#1d2433">
              {bar.label.length > MAX_LABEL ? `${bar.label.slice(0, MAX_LABEL - 1)}…` : bar.label}
            </text>
            <text x={layout.width} y={bar.labelY} fontSize="13" fontWeight="600" textAnchor="end" fill="#1d2433">
              {bar.valueText}
            </text>
            <rect x={layout.plotX} y={bar.y} width={layout.plotWidth} height={layout.barHeight} fill="#eef1f6" />
            {bar.tested ? <rect x={layout.plotX} y={bar.y} width={bar.barWidth} height={layout.barHeight} fill={FILL[bar.requirement]} /> : null}
          </g>
        ))}
      </svg>
      <figcaption id={titleId}>
        Score per competency.{" "}
        {legend.map((requirement) => (
          <span key={requirement} className="sc-legend">
            <span className="sc-swatch" style={{ background: FILL[requirement] }} aria-hidden="true" />
            {LEGEND[requirement]}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
