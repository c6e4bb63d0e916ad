import { Link } from "@remix-run/react";
import type { TreeEntry } from "~/domain/code/files";

const NOTE: Record<string, string> = { dependency: "installed dependencies, not shown", lockfile: "lockfile, not shown", binary: "binary, not shown" };

export function FileTree({ entries, current, hrefFor }: { entries: TreeEntry[]; current: string | null; hrefFor: (path: string) => string }) {
  return (
    <nav className="code-tree" aria-label="Files">
      <ul>
        {entries.map((entry) => (
          <li key={`${entry.kind}:${entry.path}`} style={{ paddingLeft: `${entry.depth * 0.9}rem` }}>
            {entry.kind === "folder" ? (
              <span className="code-folder">{entry.name}/</span>
            ) : entry.kind === "source" ? (
              <Link to={hrefFor(entry.path)} aria-current={entry.path === current ? "page" : undefined}>
                {entry.name}
              </Link>
            ) : (
              <span className="muted" title={NOTE[entry.kind]}>
                {entry.name}
                {entry.kind === "dependency" ? `/ (${entry.files} files, collapsed)` : ` (${entry.kind})`}
              </span>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
