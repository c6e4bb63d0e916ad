import { describe, expect, it } from "vitest";
import { diffFiles, patchLines } from "./diff";
import { classify, findReadme, languageOf, treeEntries, viewText, VIEW_LIMITS } from "./files";
import { highlightLines, splitHighlightedLines } from "./highlight";
import { renderReadme } from "./readme";

describe("files", () => {
  it("collapses dependencies and lockfiles and spots binaries", () => {
    expect(classify("node_modules/x/index.js", null)).toBe("dependency");
    expect(classify("app/package-lock.json", null)).toBe("lockfile");
    expect(classify("check.mjs", new TextEncoder().encode("#!/usr/bin/env node"))).toBe("generated");
    expect(classify("logo.png", new Uint8Array([0x89, 0x50, 0, 1]))).toBe("binary");
    expect(classify("src/a.ts", new TextEncoder().encode("const a = 'ż';"))).toBe("source");
    const tree = treeEntries([
      { path: "src/b.ts", kind: "source" },
      { path: "node_modules/x/a.js", kind: "dependency" },
      { path: "node_modules/y/b.js", kind: "dependency" },
      { path: "README.md", kind: "source" },
    ]);
    expect(tree.map((e) => [e.path, e.kind, e.files])).toEqual([
      ["src", "folder", undefined],
      ["src/b.ts", "source", undefined],
      ["node_modules", "dependency", 2],
      ["README.md", "source", undefined],
    ]);
  });

  it("truncates large files with a count of the lines left out", () => {
    const big = Array.from({ length: VIEW_LIMITS.lines + 5 }, (_, i) => `line ${i}`).join("\n");
    expect(viewText(big).truncatedLines).toBe(5);
    expect(viewText("a\nb").truncatedLines).toBe(0);
  });

  it("finds the README nearest the root and names languages", () => {
    expect(findReadme(["docs/README.md", "readme.md", "node_modules/x/README.md"])).toBe("readme.md");
    expect(languageOf("src/app.ts")).toBe("typescript");
    expect(languageOf("main.py")).toBe("python");
    expect(languageOf("Dockerfile")).toBe("dockerfile");
  });
});

describe("highlight", () => {
  it("escapes candidate markup and never emits a tag of its own", () => {
    const lines = highlightLines('const x = "<script>alert(1)</script>"; // <img src=x onerror=alert(1)>\n<b>', "javascript");
    const html = lines.join("\n");
    expect(html).not.toMatch(/<(script|img|b)\b/i);
    expect(html).toContain("&lt;script&gt;");
    expect(highlightLines("<i>x</i>", null)).toEqual(["&lt;i&gt;x&lt;/i&gt;"]);
  });

  it("re-opens a token that spans lines", () => {
    expect(splitHighlightedLines('<span class="hljs-comment">/* a\nb */</span> x')).toEqual([
      '<span class="hljs-comment">/* a</span>',
      '<span class="hljs-comment">b */</span> x',
    ]);
  });
});

describe("renderReadme", () => {
  it("keeps document markup and drops scripts, images, handlers and unsafe links", () => {
    const html = renderReadme("# Title\n\n<script>alert(1)</script>\n\n![x](http://tracker.example/p.png) [ok](https://a.example) [bad](javascript:alert(1))\n\n<div onclick=\"x()\">hi</div>");
    expect(html).toContain("<h3>Title</h3>");
    expect(html).toContain('<a href="https://a.example" rel="noopener noreferrer nofollow">ok</a>');
    expect(html).not.toMatch(/<script|<img|onclick|javascript:/i);
  });
});

describe("diffFiles", () => {
  it("lists added, removed and modified files with unified diffs", () => {
    const changes = diffFiles(
      [
        { path: "a.js", text: "one\ntwo\n" },
        { path: "gone.js", text: "x\n" },
        { path: "same.js", text: "s\n" },
      ],
      [
        { path: "a.js", text: "one\nthree\n" },
        { path: "new.js", text: "n\n" },
        { path: "same.js", text: "s\n" },
      ],
    );
    expect(changes.map((c) => [c.path, c.status])).toEqual([
      ["a.js", "modified"],
      ["gone.js", "removed"],
      ["new.js", "added"],
    ]);
    const first = changes[0];
    expect(first.status === "modified" && [first.added, first.removed]).toEqual([1, 1]);
    expect(first.status === "modified" && patchLines(first.patch).map((l) => l.kind)).toEqual(["hunk", "context", "del", "add"]);
  });
});
