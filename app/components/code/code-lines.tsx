import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";

export interface LineComment {
  id: string;
  line: number | null;
  body: string;
  author: string;
}

export function CommentList({ comments }: { comments: LineComment[] }) {
  if (!comments.length) return null;
  return (
    <ul className="code-comments">
      {comments.map((comment) => (
        <li key={comment.id}>
          <strong>{comment.author}:</strong> {comment.body}
        </li>
      ))}
    </ul>
  );
}

export function CommentForm({ attempt, path, line, label }: { attempt: number; path: string; line: number | null; label: string }) {
  const id = `comment-${line ?? "file"}`;
  return (
    <Form method="post" className="code-comment-form">
      <input type="hidden" name="intent" value="comment" />
      <input type="hidden" name="attempt" value={attempt} />
      <input type="hidden" name="path" value={path} />
      {line !== null ? <input type="hidden" name="line" value={line} /> : null}
      <label htmlFor={id}>{label}</label>
      <textarea id={id} name="body" rows={2} maxLength={2000} required />
      <button type="submit">Add comment</button>
    </Form>
  );
}

/**
 * Highlighted source, one anchored row per line. `html` comes from highlightLines, which escapes
 * every character of the candidate's text, so inserting it cannot run candidate markup.
 */
export function CodeLines({
  html,
  lineHref,
  selected,
  commentsByLine,
  renderForm,
}: {
  html: string[];
  lineHref: (line: number) => string;
  selected: number | null;
  commentsByLine: Map<number, LineComment[]>;
  renderForm: (line: number) => ReactNode;
}) {
  return (
    <div className="code-box" role="region" aria-label="Source" tabIndex={0}>
      {html.map((line, index) => {
        const number = index + 1;
        const comments = commentsByLine.get(number) ?? [];
        return (
          <div key={number} id={`L${number}`} className={`code-line${number === selected ? " code-selected" : ""}`}>
            <Link className="code-ln" to={lineHref(number)} aria-label={`Line ${number}`} preventScrollReset>
              {number}
            </Link>
            <code dangerouslySetInnerHTML={{ __html: line || " " }} />
            {comments.length || number === selected ? (
              <div className="code-annotations">
                <CommentList comments={comments} />
                {number === selected ? renderForm(number) : null}
              </div>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
