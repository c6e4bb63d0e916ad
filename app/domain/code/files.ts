// How a submission's files are presented to reviewers: what is source worth reading, what is
// collapsed (installed dependencies, lockfiles, generated bundles, binaries), where the README is,
// and which highlighter language a file gets.

export type FileKind = "source" | "dependency" | "lockfile" | "generated" | "binary";

export interface CodeFile {
  path: string;
  size: number;
  kind: FileKind;
  /** The text shown (possibly truncated); null for binaries, dependencies, lockfiles and generated files. */
  text: string | null;
  /** Lines left out because the file is larger than the viewer shows. */
  truncatedLines: number;
}

/** Folders whose contents are installed or generated, never written by the candidate. */
const DEPENDENCY_DIRS = new Set(["node_modules", ".git", "vendor", ".venv", "venv", "__pycache__", "dist", "build", "target", ".next", "coverage"]);

const LOCKFILES = new Set([
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "bun.lockb",
  "poetry.lock",
  "pipfile.lock",
  "cargo.lock",
  "go.sum",
  "composer.lock",
  "gemfile.lock",
]);

/**
 * The public-tests prober bundled into the starter download (app/lib/starter-zip.server.ts): about
 * a megabyte of generated code that candidates upload back with their work, never written by them.
 */
export const CHECK_SCRIPT = "check.mjs";

const GENERATED_FILES = new Set([CHECK_SCRIPT]);

export const VIEW_LIMITS = { lines: 2000, bytes: 256 * 1024 } as const;

export function dependencyRoot(filePath: string): string | null {
  const parts = filePath.split("/");
  const index = parts.findIndex((part) => DEPENDENCY_DIRS.has(part));
  return index === -1 ? null : parts.slice(0, index + 1).join("/");
}

export function isLockfile(filePath: string): boolean {
  return LOCKFILES.has(filePath.split("/").pop()!.toLowerCase());
}

export function isGenerated(filePath: string): boolean {
  return GENERATED_FILES.has(filePath.split("/").pop()!);
}

/** Files listed but never read or shown: installed dependencies, lockfiles and generated bundles. */
export function isCollapsed(filePath: string): boolean {
  return dependencyRoot(filePath) !== null || isLockfile(filePath) || isGenerated(filePath);
}

/** A NUL byte in the first 8 KB, or text that is not valid UTF-8, means a binary file. */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return true;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.length < bytes.length ? trimPartialUtf8(head) : head);
    return false;
  } catch {
    return true;
  }
}

/** Drops a multi-byte sequence cut off at the end of a slice, so the slice itself decodes. */
function trimPartialUtf8(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back];
    if ((byte & 0xc0) === 0x80) continue;
    if (byte >= 0xc0) end -= back;
    break;
  }
  return bytes.subarray(0, end);
}

export function classify(filePath: string, bytes: Uint8Array | null): FileKind {
  if (dependencyRoot(filePath)) return "dependency";
  if (isLockfile(filePath)) return "lockfile";
  if (isGenerated(filePath)) return "generated";
  if (bytes && looksBinary(bytes)) return "binary";
  return "source";
}

/** The text a reviewer sees: at most VIEW_LIMITS lines and bytes, with how many lines were cut. */
export function viewText(text: string): { text: string; truncatedLines: number } {
  let shown = text.length > VIEW_LIMITS.bytes ? text.slice(0, VIEW_LIMITS.bytes) : text;
  const lines = shown.split("\n");
  if (lines.length > VIEW_LIMITS.lines) shown = lines.slice(0, VIEW_LIMITS.lines).join("\n");
  const total = text.split("\n").length;
  const kept = shown.split("\n").length;
  return { text: shown, truncatedLines: Math.max(0, total - kept) };
}

/** README.md (any case, any Markdown extension) nearest the root. */
export function findReadme(paths: readonly string[]): string | null {
  const readmes = paths.filter((p) => /(^|\/)readme(\.(md|markdown|txt))?$/i.test(p) && !dependencyRoot(p));
  readmes.sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));
  return readmes[0] ?? null;
}

const LANGUAGES: Record<string, string> = {
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsx: "javascript",
  ts: "typescript",
  mts: "typescript",
  cts: "typescript",
  tsx: "typescript",
  py: "python",
  json: "json",
  md: "markdown",
  yml: "yaml",
  yaml: "yaml",
  sql: "sql",
  sh: "bash",
  go: "go",
  rs: "rust",
  java: "java",
  kt: "kotlin",
  rb: "ruby",
  php: "php",
  cs: "csharp",
  toml: "ini",
  ini: "ini",
  html: "xml",
  xml: "xml",
  css: "css",
};

export function languageOf(filePath: string): string | null {
  const name = filePath.split("/").pop()!;
  if (name === "Dockerfile" || name.endsWith(".dockerfile")) return "dockerfile";
  if (name === "Makefile") return "makefile";
  const ext = name.includes(".") ? name.split(".").pop()!.toLowerCase() : "";
  return LANGUAGES[ext] ?? null;
}

export interface TreeEntry {
  path: string;
  /** Depth in folders, for indentation. */
  depth: number;
  name: string;
  kind: FileKind | "folder";
  /** For a collapsed dependency folder: how many files it holds. */
  files?: number;
}

/**
 * The file tree in display order (folders first, then files, by name), with every dependency
 * folder shown as one collapsed entry.
 */
export function treeEntries(files: readonly Pick<CodeFile, "path" | "kind">[]): TreeEntry[] {
  const collapsed = new Map<string, number>();
  const visible: Pick<CodeFile, "path" | "kind">[] = [];
  for (const file of files) {
    const root = dependencyRoot(file.path);
    if (root) collapsed.set(root, (collapsed.get(root) ?? 0) + 1);
    else visible.push(file);
  }
  type Node = { folders: Map<string, Node>; files: TreeEntry[] };
  const top: Node = { folders: new Map(), files: [] };
  const folderAt = (parts: string[]) => {
    let node = top;
    for (const part of parts) {
      if (!node.folders.has(part)) node.folders.set(part, { folders: new Map(), files: [] });
      node = node.folders.get(part)!;
    }
    return node;
  };
  for (const file of visible) {
    const parts = file.path.split("/");
    folderAt(parts.slice(0, -1)).files.push({ path: file.path, depth: parts.length - 1, name: parts.at(-1)!, kind: file.kind });
  }
  for (const [root, count] of collapsed) {
    const parts = root.split("/");
    folderAt(parts.slice(0, -1)).files.push({ path: root, depth: parts.length - 1, name: parts.at(-1)!, kind: "dependency", files: count });
  }
  const out: TreeEntry[] = [];
  const walk = (node: Node, prefix: string[]) => {
    for (const name of [...node.folders.keys()].sort((a, b) => a.localeCompare(b))) {
      const parts = [...prefix, name];
      out.push({ path: parts.join("/"), depth: prefix.length, name, kind: "folder" });
      walk(node.folders.get(name)!, parts);
    }
    out.push(...node.files.sort((a, b) => a.name.localeCompare(b.name)));
  };
  walk(top, []);
  return out;
}
