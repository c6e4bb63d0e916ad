import { patchLines, type FileChange } from "~/domain/code/diff";

const MAX_LINES = 1500;
const STATUS: Record<FileChange["status"], string> = { added: "added", removed: "removed", modified: "modified", "binary-changed": "changed (not compared: binary, lockfile or dependency)" };

export function DiffView({ changes, fromLabel }: { changes: FileChange[]; fromLabel: string }) {
  if (!changes.length) return <p className="notice">No file differs from {fromLabel}.</p>;
  return (
    <>
      <ul className="code-changes">
        {changes.map((change) => (
          <li key={change.path}>
            <a href={`#diff-${encodeURIComponent(change.path)}`}>{change.path}</a> <span className="muted">{STATUS[change.status]}</span>
            {"added" in change ? (
              <span className="muted">
                {" "}
                (+{change.added} −{change.removed})
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {changes.map((change) =>
        change.status === "binary-changed" ? null : (
          <section key={change.path} id={`diff-${encodeURIComponent(change.path)}`} aria-label={`Changes to ${change.path}`} className="code-diff-file">
            <h3>{change.path}</h3>
            <div className="code-box code-diff" role="region" aria-label={`Unified diff of ${change.path}`} tabIndex={0}>
              {patchLines(change.patch)
                .slice(0, MAX_LINES)
                .map((line, index) => (
                  <div key={index} className={`diff-${line.kind}`}>
                    {line.text || " "}
                  </div>
                ))}
            </div>
            {patchLines(change.patch).length > MAX_LINES ? <p className="muted">The diff is cut after {MAX_LINES} lines.</p> : null}
          </section>
        ),
      )}
    </>
  );
}
