import { competencyCauseNotes, rootCauses, type RootCause, type RootCauseInput } from "../../../runner/contract/root-causes";

/** A stored test result as the candidate and scorecard pages load it (Prisma enums upper-case). */
export interface StoredResult {
  testId: string;
  title: string;
  competencyId: string;
  points: number;
  earned?: number;
  visibility: "PUBLIC" | "HIDDEN";
  outcome: "PASSED" | "FAILED" | "ERROR";
  message: string | null;
  /** The stored exchanges, or the scorecard's evidence view ({ exchanges }). */
  evidence: unknown;
}

function toInput(result: StoredResult): RootCauseInput {
  const evidence = result.evidence && typeof result.evidence === "object" && !Array.isArray(result.evidence) && "exchanges" in result.evidence
    ? (result.evidence as { exchanges: unknown }).exchanges
    : result.evidence;
  return {
    id: result.testId,
    title: result.title,
    competency: result.competencyId,
    points: result.points,
    earned: result.earned ?? (result.outcome === "PASSED" ? result.points : 0),
    outcome: result.outcome.toLowerCase() as RootCauseInput["outcome"],
    visibility: result.visibility === "HIDDEN" ? "hidden" : "public",
    message: result.message,
    evidence,
  };
}

export interface RootCauseView {
  causes: { key: string; headline: string; pointsLost: number; testCount: number; tests: { id: string; title: string; hidden: boolean }[]; hiddenUnnamed: number }[];
  /** "Application security: 8 % — 5 of 6 tests failed on one content-type mistake" */
  notes: string[];
}

/**
 * Failed tests that stopped at the same exchange for the same reason, as one finding each. Build it
 * on the server for a candidate: only causes a public test shares are kept, and hidden tests are
 * counted, never named (their messages and evidence never reach the page).
 */
export function rootCauseView(results: readonly StoredResult[], audience: "candidate" | "reviewer", names: (id: string) => string = (id) => id): RootCauseView {
  const inputs = results.map(toInput);
  const all = rootCauses(inputs);
  const causes = audience === "candidate" ? all.filter((cause) => cause.tests.some((t) => t.visibility === "public")) : all;
  const score = (competency: string) => {
    const mine = inputs.filter((r) => r.competency === competency);
    const possible = mine.reduce((sum, r) => sum + r.points, 0);
    return possible > 0 ? Math.round((mine.reduce((sum, r) => sum + r.earned, 0) / possible) * 100) : 0;
  };
  return {
    causes: causes.map((cause: RootCause) => {
      const named = audience === "candidate" ? cause.tests.filter((t) => t.visibility === "public") : cause.tests;
      return {
        key: `${cause.operation} ${cause.status ?? ""} ${cause.reason}`,
        headline: cause.headline,
        pointsLost: cause.pointsLost,
        testCount: cause.tests.length,
        tests: named.map((t) => ({ id: t.id, title: t.title, hidden: t.visibility === "hidden" })),
        hiddenUnnamed: cause.tests.length - named.length,
      };
    }),
    notes: competencyCauseNotes(inputs, causes).map((note) => `${names(note.competency)}: ${score(note.competency)} % — ${note.note}`),
  };
}

/** Leads the results with the root causes; renders nothing when no two failures share one. */
export function RootCauses({ view, headingLevel = 2 }: { view: RootCauseView | null; headingLevel?: 2 | 3 }) {
  if (!view || view.causes.length === 0) return null;
  const Heading = headingLevel === 3 ? "h3" : "h2";
  return (
    <section className="card root-causes" aria-labelledby="root-causes-heading">
      <Heading id="root-causes-heading">What most of the failures come from</Heading>
      <ul>
        {view.causes.map((cause) => (
          <li key={cause.key}>
            <p>
              <strong>{cause.headline}</strong>
            </p>
            <details>
              <summary>
                The {cause.testCount} tests ({cause.pointsLost} points)
              </summary>
              <ul>
                {cause.tests.map((test) => (
                  <li key={test.id}>
                    {test.title}
                    {test.hidden ? <span className="muted"> (hidden)</span> : null}
                  </li>
                ))}
                {cause.hiddenUnnamed > 0 ? (
                  <li className="muted">
                    and {cause.hiddenUnnamed} hidden {cause.hiddenUnnamed === 1 ? "test" : "tests"}
                  </li>
                ) : null}
              </ul>
            </details>
          </li>
        ))}
      </ul>
      {view.notes.length > 0 ? (
        <ul aria-label="Competency scores resting on one cause">
          {view.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
