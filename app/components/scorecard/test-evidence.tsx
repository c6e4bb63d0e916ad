import type { CappedText } from "~/domain/scorecard/evidence";
import type { TestRow } from "~/lib/scorecard.server";

function Capped({ value }: { value: CappedText }) {
  return (
    <>
      <pre>{value.text}</pre>
      {value.omitted > 0 ? <p className="muted">… {value.omitted} more characters not shown.</p> : null}
    </>
  );
}

function Headers({ headers }: { headers: [string, string][] }) {
  return headers.length ? <pre>{headers.map(([name, value]) => `${name}: ${value}`).join("\n")}</pre> : null;
}

export function TestEvidence({ test }: { test: TestRow }) {
  const outcome = test.outcome.toLowerCase();
  return (
    <details>
      <summary>
        <span className={`status ${outcome}`}>{test.outcome}</span> {test.title}{" "}
        <span className="sc-badge">{test.visibility === "HIDDEN" ? "hidden" : "public"}</span>
        <span className="sc-badge">{test.points} pt</span>
        <span className="muted"> · {test.durationMs} ms</span>
      </summary>
      <p className="muted">
        Test <code>{test.testId}</code> · {test.competencyName}
      </p>
      {test.message ? <p>{test.message}</p> : null}
      {test.evidence.unreadable ? <p className="muted">The recorded evidence is in a format this page cannot show.</p> : null}
      {test.evidence.exchanges.map((exchange, index) => (
        <div key={index}>
          <p className="sc-exchange">
            Request {index + 1}: <code>{exchange.request.method} {exchange.request.url}</code>
            {exchange.setup ? <span className="sc-badge">setup</span> : null}
          </p>
          <Headers headers={exchange.request.headers} />
          {exchange.request.body ? <Capped value={exchange.request.body} /> : null}
          {exchange.response ? (
            <>
              <p className="sc-exchange">Response: {exchange.response.status}</p>
              <Headers headers={exchange.response.headers} />
              <Capped value={exchange.response.body} />
            </>
          ) : null}
          {exchange.note ? <p>{exchange.note}</p> : exchange.response ? null : <p>No response was recorded.</p>}
          {exchange.violation ? <p className="muted">Contract: {exchange.violation}</p> : null}
        </div>
      ))}
      {test.evidence.omitted > 0 ? <p className="muted">{test.evidence.omitted} more requests not shown.</p> : null}
    </details>
  );
}
