import { binOf, ordinal } from "~/domain/scorecard/percentile";
import type { ScoreContext } from "~/lib/scorecard.server";

const WIDTH = 340;
const HEIGHT = 120;
const AXIS = 18;
const TOP = 14;

/**
 * Overall scores of everyone graded on this assessment, in 10-point bands, with this candidate's
 * band marked. Sized in a narrow viewBox so its labels stay legible on a phone.
 */
export function DistributionChart({ context, score, titleId }: { context: ScoreContext; score: number | null; titleId: string }) {
  const { bins, count, percentile, minCount } = context;
  const max = Math.max(1, ...bins);
  const band = WIDTH / bins.length;
  const plot = HEIGHT - AXIS - TOP;
  const own = score === null ? null : binOf(score, bins.length);
  return (
    <figure className="sc-distribution" aria-labelledby={titleId}>
      <p className="sc-percentile">
        {percentile !== null
          ? `${ordinal(percentile)} percentile among ${count} candidates graded on this assessment version.`
          : count < minCount
            ? `Percentile shown from ${minCount} graded candidates; ${count} so far.`
            : "No percentile: this attempt has no overall score."}
      </p>
      {count > 0 ? (
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="sc-chart-svg sc-distribution-svg" aria-hidden="true" focusable="false">
          {bins.map((n, index) => {
            const height = (n / max) * plot;
            const x = index * band;
            return (
              <g key={index}>
                <rect x={x + 2} y={TOP + plot - height} width={band - 4} height={height} fill={index === own ? "#1f5fbf" : "#aab6c8"} />
                {n > 0 ? (
                  <text x={x + band / 2} y={TOP + plot - height - 3} fontSize="11" textAnchor="middle" fill="#1d2433">
                    {n}
                  </text>
                ) : null}
              </g>
            );
          })}
          <line x1={0} x2={WIDTH} y1={TOP + plot} y2={TOP + plot} stroke="#5b6577" strokeWidth="1" />
          {[0, 50, 100].map((tick) => (
            <text key={tick} x={(tick / 100) * WIDTH} y={HEIGHT - 3} fontSize="12" fill="#5b6577" textAnchor={tick === 0 ? "start" : tick === 100 ? "end" : "middle"}>
              {tick} %
            </text>
          ))}
        </svg>
      ) : null}
      <figcaption id={titleId}>
        Overall scores of {count} graded candidate{count === 1 ? "" : "s"} in 10-point bands
        {own !== null ? "; this candidate's band is dark blue" : ""}.
      </figcaption>
    </figure>
  );
}
