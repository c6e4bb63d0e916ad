import type { CompetencyFeedback } from "~/domain/invitations/results";

/** Public tests with their messages (and, in feedback, curl commands); hidden tests as counts only. */
export function CompetencyResults({ groups, showCurl }: { groups: (CompetencyFeedback & { name: string })[]; showCurl: boolean }) {
  return (
    <>
      {groups.map((group) => (
        <section key={group.competencyId} className="card" aria-labelledby={`comp-${group.competencyId}`}>
          <h3 id={`comp-${group.competencyId}`}>{group.name}</h3>
          {group.publicTests.length > 0 ? (
            <ul>
              {group.publicTests.map((test) => (
                <li key={test.testId}>
                  <span className={`status ${test.passed ? "passed" : "failed"}`}>{test.passed ? "Passed" : "Failed"}</span> {test.title}
                  {test.message ? <div className="muted">{test.message}</div> : null}
                  {showCurl && test.curl.length > 0 ? (
                    <div className="curl">
                      <p className="muted">{test.curl.length === 1 ? "Reproduce it:" : "Reproduce it (run these in order; the last request is the one that failed):"}</p>
                      {test.curl.map((command, index) => (
                        <pre key={index}>
                          <code>{command}</code>
                        </pre>
                      ))}
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          {group.hidden.total > 0 ? (
            <p className="muted">
              Hidden tests: {group.hidden.passed} of {group.hidden.total} passed.
            </p>
          ) : null}
        </section>
      ))}
    </>
  );
}
