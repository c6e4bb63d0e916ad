import type { QualityFinding, QualityReport } from "~/domain/quality/check";
import { fieldId } from "./field-id";

function target(finding: QualityFinding): string | null {
  const { field, itemId } = finding.location;
  if (itemId) return fieldId(`item.${itemId}`);
  if (field === "salary") return fieldId("salary.min");
  if (["title", "summary", "aboutCompany", "howToApply", "benefits"].includes(field)) return fieldId(field);
  return null;
}

/** The composer's quality findings; recomputed in the browser as the form changes. */
export function QualityPanel({ report, blocking }: { report: QualityReport; blocking: string[] }) {
  const warnings = report.findings.filter((f) => f.severity === "warning");
  const notes = report.findings.filter((f) => f.severity === "info");
  return (
    <section className="card quality-panel" aria-labelledby="quality-heading">
      <h2 id="quality-heading">Quality</h2>
      {blocking.length > 0 ? (
        <div className="blocking">
          <h3>
            {blocking.length} {blocking.length === 1 ? "problem stops" : "problems stop"} publishing
          </h3>
          <ul className="findings">
            {blocking.map((problem) => (
              <li key={problem} className="finding error">
                {problem}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="muted">Ready to publish: nothing blocks it.</p>
      )}
      <p className="muted" aria-live="polite">
        {warnings.length === 0 ? "No warnings." : `${warnings.length} warning${warnings.length === 1 ? "" : "s"}.`}{" "}
        {report.readingEase === null ? null : `Reading ease ${report.readingEase} (${report.readingLabel}).`} Required items:{" "}
        {report.requiredItems}.
      </p>
      {[...warnings, ...notes].length > 0 ? (
        <ul className="findings">
          {[...warnings, ...notes].map((finding, i) => {
            const href = target(finding);
            return (
              <li key={`${finding.ruleId}-${i}`} className={`finding ${finding.severity}`}>
                <span className="finding-where">{href ? <a href={`#${href}`}>{finding.location.label}</a> : finding.location.label}</span>
                <span>{finding.message}</span>
                {finding.suggestions.length > 0 ? <span className="muted">Try: {finding.suggestions.join(", ")}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
