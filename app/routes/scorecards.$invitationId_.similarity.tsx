import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/lib/auth.server";
import { codeAttempts } from "~/lib/scorecard-code.server";
import { regionLines, similarityFor } from "~/lib/scorecard-similarity.server";
import styles from "~/components/scorecard/scorecard.css?url";
import codeStyles from "~/components/code/code.css?url";
import { countedAttempt } from "~/domain/scorecard/counted-attempt";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: codeStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: loaded ? `${loaded.candidateName} · Similarity · Hirekit` : "Similarity · Hirekit" }];

const paramsSchema = z.object({ invitationId: z.uuid() });
const attemptSchema = z.coerce.number().int().min(1).optional();
const REGIONS_SHOWN = 3;

function fail(message: string, status: number): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "submission:read");
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw fail("There is no scorecard at this address.", 404);
  const attempt = attemptSchema.safeParse(new URL(request.url).searchParams.get("attempt") || undefined);
  if (!attempt.success) throw fail("The attempt must be a whole number from 1.", 400);
  const target = await codeAttempts(parsed.data.invitationId);
  const chosen = attempt.data === undefined ? target && countedAttempt(target.attempts) : target?.attempts.find((a) => a.attempt === attempt.data);
  if (!target || !chosen) throw fail("There is no such attempt.", 404);
  const summary = await similarityFor(chosen.id);
  const matches = await Promise.all(
    summary.matches.map(async (match) => {
      const others = await codeAttempts(match.otherInvitationId);
      const other = others?.attempts.find((a) => a.attempt === match.otherAttempt);
      const regions = await Promise.all(
        match.regions.slice(0, REGIONS_SHOWN).map(async (region) => ({
          ...region,
          mineLines: await regionLines(chosen, region.mine),
          theirLines: other ? await regionLines(other, region.theirs) : { from: region.theirs.from, lines: [] },
        })),
      );
      return { ...match, regions };
    }),
  );
  return { invitationId: parsed.data.invitationId, candidateName: target.candidateName, attempt: chosen.attempt, checked: summary.checked, matches };
}

function Excerpt({ title, excerpt }: { title: string; excerpt: { from: number; lines: string[] } }) {
  return (
    <div className="sim-side">
      <p className="sim-title">{title}</p>
      <div className="code-box" role="region" aria-label={title} tabIndex={0}>
        {excerpt.lines.map((line, index) => (
          <div key={index} className="code-line">
            <span className="code-ln">{excerpt.from + index}</span>
            <code>{line || " "}</code>
          </div>
        ))}
        {excerpt.lines.length === 0 ? <p className="muted">The code is no longer available.</p> : null}
      </div>
    </div>
  );
}

export default function Similarity() {
  const loaded = useLoaderData<typeof loader>();
  return (
    <main className="container" id="main">
      <p>
        <Link to={`/scorecards/${loaded.invitationId}?attempt=${loaded.attempt}`}>← Scorecard of {loaded.candidateName}</Link>
      </p>
      <h1>Similarity: {loaded.candidateName}, attempt {loaded.attempt}</h1>
      <p className="notice">
        This is evidence for a person to weigh, never an automatic decision. Code for the same task often looks alike; the starter and
        the reference solution are already left out. Read both sides, and talk to the candidate before concluding anything.
      </p>
      {!loaded.checked ? <p>This attempt has not been checked yet.</p> : null}
      {loaded.checked && loaded.matches.length === 0 ? <p>No other candidate's submission is similar above the threshold.</p> : null}
      {loaded.matches.map((match) => (
        <section key={`${match.otherInvitationId}-${match.otherAttempt}`} aria-label={`Match with ${match.otherCandidate}`}>
          <h2>
            {Math.round(match.score * 100)} % shared with <Link to={`/scorecards/${match.otherInvitationId}?attempt=${match.otherAttempt}`}>{match.otherCandidate}</Link>{" "}
            (attempt {match.otherAttempt})
          </h2>
          {match.regions.map((region, index) => (
            <div key={index} className="sim-pair">
              <Excerpt title={`${loaded.candidateName}: ${region.mine.file}, lines ${region.mine.from}–${region.mine.to}`} excerpt={region.mineLines} />
              <Excerpt title={`${match.otherCandidate}: ${region.theirs.file}, lines ${region.theirs.from}–${region.theirs.to}`} excerpt={region.theirLines} />
            </div>
          ))}
        </section>
      ))}
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
