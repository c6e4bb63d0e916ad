import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/lib/auth.server";
import { can } from "~/lib/permissions";
import { addReviewComment } from "~/lib/reviews.server";
import { ScorecardNotFound, loadScorecardSummary } from "~/lib/scorecard.server";
import { codeAttempts, starterCode, submissionCode, type CodeAttempt } from "~/lib/scorecard-code.server";
import { diffFiles } from "~/domain/code/diff";
import { findReadme, languageOf, treeEntries } from "~/domain/code/files";
import { highlightLines } from "~/domain/code/highlight";
import { renderReadme } from "~/domain/code/readme";
import { CodeLines, CommentForm, CommentList, type LineComment } from "~/components/code/code-lines";
import { DiffView } from "~/components/code/diff-view";
import { FileTree } from "~/components/code/file-tree";
import styles from "~/components/scorecard/scorecard.css?url";
import codeStyles from "~/components/code/code.css?url";
import { readFormObject } from "~/lib/form-data.server";
import { HttpError } from "~/lib/http-error";
import { countedAttempt } from "~/domain/scorecard/counted-attempt";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: codeStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: loaded ? `${loaded.candidateName} · Code · Hirekit` : "Code · Hirekit" }];

const paramsSchema = z.object({ invitationId: z.uuid() });
const querySchema = z.object({
  attempt: z.coerce.number().int().min(1).optional(),
  file: z.string().min(1).max(1000).optional(),
  line: z.coerce.number().int().min(1).optional(),
  diff: z.enum(["previous", "starter"]).optional(),
});
const commentSchema = z.object({
  intent: z.literal("comment"),
  attempt: z.coerce.number().int().min(1),
  path: z.string().min(1).max(1000),
  line: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
  body: z.string().trim().min(1, "Write a comment first").max(2000, "A comment must be at most 2000 characters"),
});

function fail(message: string, status: number): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

function invitationIdOf(params: Record<string, string | undefined>): string {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw fail("There is no scorecard at this address.", 404);
  return parsed.data.invitationId;
}

function pick(attempts: CodeAttempt[], attempt: number | undefined): CodeAttempt {
  const chosen = attempt === undefined ? countedAttempt(attempts) : attempts.find((a) => a.attempt === attempt);
  if (!chosen) throw fail(attempt === undefined ? "The candidate has not submitted anything yet." : `This candidate has no attempt ${attempt}.`, 404);
  return chosen;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "submission:read");
  const invitationId = invitationIdOf(params);
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw fail(`The address is invalid: ${query.error.issues.map((i) => i.message).join("; ")}.`, 400);
  const target = await codeAttempts(invitationId);
  if (!target) throw fail("There is no scorecard at this address.", 404);
  const selected = pick(target.attempts, query.data.attempt);
  const canReview = can(user.role, "scorecard:review");
  let summary;
  try {
    summary = await loadScorecardSummary(invitationId, { id: user.id, canReview });
  } catch (error) {
    if (error instanceof ScorecardNotFound) throw fail(error.message, 404);
    throw error;
  }
  const snapshot = await submissionCode(selected);
  const visibleReviews = [...(summary.reviews.own ? [summary.reviews.own] : []), ...summary.reviews.others];
  const comments = visibleReviews.flatMap((review) =>
    review.comments
      .filter((c) => c.submissionId === selected.id)
      .map((c) => ({ id: c.id, path: c.path, line: c.line, body: c.body, author: review.reviewerId === user.id ? "You" : review.reviewerName })),
  );
  const base = {
    invitationId,
    candidateName: target.candidateName,
    attempts: target.attempts.map((a) => ({ attempt: a.attempt, status: a.status })),
    attempt: selected.attempt,
    refusal: snapshot.refusal,
    tree: treeEntries(snapshot.files),
    canComment: canReview && !summary.reviews.own?.submittedAt,
    canDownload: can(user.role, "submission:read"),
    commentedFiles: [...new Set(comments.map((c) => c.path))],
  };

  if (query.data.diff) {
    const previous = target.attempts.filter((a) => a.attempt < selected.attempt).at(-1);
    if (query.data.diff === "previous" && !previous) {
      return { ...base, mode: "diff" as const, diff: { against: query.data.diff, fromLabel: "an earlier attempt", changes: null, problem: null }, file: null, readme: null };
    }
    const before = query.data.diff === "previous" ? await submissionCode(previous!) : await starterCode(target.assessment);
    const fromLabel = query.data.diff === "previous" ? `attempt ${previous!.attempt}` : "the starter";
    return {
      ...base,
      mode: "diff" as const,
      diff: { against: query.data.diff, fromLabel, changes: diffFiles(before.files, snapshot.files), problem: before.refusal },
      file: null,
      readme: null,
    };
  }

  if (query.data.file) {
    const file = snapshot.files.find((f) => f.path === query.data.file);
    if (!file) throw fail(`Attempt ${selected.attempt} has no file ${query.data.file}.`, 404);
    return {
      ...base,
      mode: "file" as const,
      diff: null,
      readme: null,
      file: {
        path: file.path,
        size: file.size,
        kind: file.kind,
        html: file.text === null ? null : highlightLines(file.text, languageOf(file.path)),
        truncatedLines: file.truncatedLines,
        line: query.data.line ?? null,
        comments: comments.filter((c) => c.path === file.path),
      },
    };
  }

  const readmePath = findReadme(snapshot.files.filter((f) => f.text !== null).map((f) => f.path));
  const readme = readmePath ? snapshot.files.find((f) => f.path === readmePath)! : null;
  return {
    ...base,
    mode: "readme" as const,
    diff: null,
    file: null,
    readme: readme ? { path: readme.path, html: /\.(md|markdown)$/i.test(readme.path) ? renderReadme(readme.text!) : null, text: readme.text } : null,
  };
}

type ActionResult = { error: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "scorecard:review");
  const invitationId = invitationIdOf(params);
  const parsed = commentSchema.safeParse(await readFormObject(request));
  if (!parsed.success) return data<ActionResult>({ error: parsed.error.issues.map((i) => i.message).join("; ") }, { status: 400 });
  const target = await codeAttempts(invitationId);
  if (!target) throw fail("There is no scorecard at this address.", 404);
  const selected = target.attempts.find((a) => a.attempt === parsed.data.attempt);
  if (!selected) return data<ActionResult>({ error: `This candidate has no attempt ${parsed.data.attempt}.` }, { status: 404 });
  const snapshot = await submissionCode(selected);
  if (!snapshot.files.some((f) => f.path === parsed.data.path && f.kind === "source")) {
    return data<ActionResult>({ error: `Attempt ${selected.attempt} has no source file ${parsed.data.path}.` }, { status: 400 });
  }
  try {
    await addReviewComment(user.id, invitationId, { submissionId: selected.id, path: parsed.data.path, line: parsed.data.line ?? null, body: parsed.data.body });
  } catch (error) {
    if (error instanceof HttpError) return data<ActionResult>({ error: error.message }, { status: error.status });
    throw error;
  }
  const back = new URLSearchParams({ attempt: String(selected.attempt), file: parsed.data.path });
  return redirect(`/scorecards/${invitationId}/code?${back}${parsed.data.line ? `#L${parsed.data.line}` : ""}`);
}

export default function Code() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { invitationId, attempt } = loaded;
  const href = (extra: Record<string, string>) => `/scorecards/${invitationId}/code?${new URLSearchParams({ attempt: String(attempt), ...extra })}`;
  const fileComments = (loaded.file?.comments ?? []) as LineComment[];
  const byLine = new Map<number, LineComment[]>();
  for (const comment of fileComments) if (comment.line !== null) byLine.set(comment.line, [...(byLine.get(comment.line) ?? []), comment]);
  return (
    <main className="container code-page" id="main">
      <p>
        <Link to={`/scorecards/${invitationId}?attempt=${attempt}`}>← Scorecard of {loaded.candidateName}</Link>
      </p>
      <h1>Code: {loaded.candidateName}, attempt {attempt}</h1>
      <nav aria-label="Attempts" className="code-attempts">
        <span>Attempt:</span>
        {loaded.attempts.map((a) =>
          a.attempt === attempt ? (
            <span key={a.attempt} aria-current="page" className="code-current">
              {a.attempt}
            </span>
          ) : (
            <Link key={a.attempt} to={`/scorecards/${invitationId}/code?attempt=${a.attempt}`}>
              {a.attempt}
            </Link>
          ),
        )}
      </nav>
      <nav aria-label="Views" className="code-views">
        <Link to={href({})} aria-current={loaded.mode === "readme" ? "page" : undefined}>
          README and files
        </Link>
        {attempt > 1 ? (
          <Link to={href({ diff: "previous" })} aria-current={loaded.diff?.against === "previous" ? "page" : undefined}>
            Changes since attempt {attempt - 1}
          </Link>
        ) : null}
        <Link to={href({ diff: "starter" })} aria-current={loaded.diff?.against === "starter" ? "page" : undefined}>
          Changes from the starter
        </Link>
        {loaded.canDownload ? (
          <a href={`/scorecards/${invitationId}/archive?attempt=${attempt}`} download>
            Download the original archive
          </a>
        ) : null}
      </nav>
      {result?.error ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      {loaded.refusal ? <p className="form-error">The archive cannot be shown: {loaded.refusal}</p> : null}
      <div className="code-layout">
        <FileTree entries={loaded.tree} current={loaded.file?.path ?? null} hrefFor={(path) => href({ file: path })} />
        <div className="code-main">
          {loaded.mode === "diff" && loaded.diff ? (
            <section aria-labelledby="diff-heading">
              <h2 id="diff-heading">Changes from {loaded.diff.fromLabel}</h2>
              {loaded.diff.problem ? <p className="notice">{loaded.diff.problem} Every file is shown as added.</p> : null}
              {loaded.diff.changes ? <DiffView changes={loaded.diff.changes} fromLabel={loaded.diff.fromLabel} /> : <p className="notice">This is the first attempt.</p>}
            </section>
          ) : null}
          {loaded.mode === "readme" ? (
            <section aria-labelledby="readme-heading">
              <h2 id="readme-heading">{loaded.readme ? loaded.readme.path : "README"}</h2>
              {loaded.readme ? (
                loaded.readme.html !== null ? (
                  <div className="code-readme" dangerouslySetInnerHTML={{ __html: loaded.readme.html }} />
                ) : (
                  <pre className="code-readme">{loaded.readme.text}</pre>
                )
              ) : (
                <p className="muted">This attempt has no README. Choose a file on the left.</p>
              )}
            </section>
          ) : null}
          {loaded.mode === "file" && loaded.file ? (
            <section aria-labelledby="file-heading">
              <h2 id="file-heading" className="code-path">
                {loaded.file.path}
              </h2>
              <p className="muted">
                {loaded.file.size} bytes.{" "}
                {loaded.file.truncatedLines > 0 ? `The file is long: the last ${loaded.file.truncatedLines} lines are not shown (download the archive to read them).` : ""}
              </p>
              <CommentList comments={fileComments.filter((c) => c.line === null)} />
              {loaded.canComment ? <CommentForm attempt={attempt} path={loaded.file.path} line={null} label="Comment on this file" /> : null}
              {loaded.file.html ? (
                <CodeLines
                  html={loaded.file.html}
                  selected={loaded.file.line}
                  lineHref={(line) => `${href({ file: loaded.file!.path, line: String(line) })}#L${line}`}
                  commentsByLine={byLine}
                  renderForm={(line) => (loaded.canComment ? <CommentForm attempt={attempt} path={loaded.file!.path} line={line} label={`Comment on line ${line}`} /> : null)}
                />
              ) : (
                <p className="notice">This file is {loaded.file.kind === "binary" ? "binary" : "collapsed"} and not shown.</p>
              )}
              {loaded.canComment ? <p className="muted">Select a line number to comment on that line. Comments join your review and stay hidden from colleagues until you submit it.</p> : null}
            </section>
          ) : null}
        </div>
      </div>
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
