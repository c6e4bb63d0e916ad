import { describe, expect, it } from "vitest";
import { renderInlineMarkdown, renderMarkdown, safeUrl } from "./markdown";

describe("renderMarkdown", () => {
  it("renders ordinary Markdown", () => {
    const html = renderMarkdown("# Brief\n\nBuild **an API** with `GET /health`.\n\n- one\n- two\n\n[docs](https://example.test/docs)");
    expect(html).toContain("<h1>Brief</h1>");
    expect(html).toContain("<strong>an API</strong>");
    expect(html).toContain("<code>GET /health</code>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain('<a href="https://example.test/docs" rel="noopener noreferrer nofollow">docs</a>');
  });

  it("shows raw HTML as text instead of injecting it", () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\nHello <img src=x onerror="alert(2)"> and <iframe src="//evil"></iframe>');
    expect(html).not.toMatch(/<script|<img|<iframe/i);
    expect(html).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
    expect(html).toContain("&#60;img src=x onerror=&#34;alert(2)&#34;&#62;");
  });

  it("drops dangerous link and image schemes but keeps the text", () => {
    const html = renderMarkdown("[click](javascript:alert(1)) [tab](java\tscript:alert(1)) ![pic](data:text/html;base64,PHNjcmlwdD4=) [ok](/relative) <javascript:alert(3)>");
    expect(html).not.toMatch(/href="\s*java/i);
    expect(html).not.toMatch(/src="data:/i);
    expect(html).toContain("click");
    expect(html).toContain('<a href="/relative">ok</a>');
  });

  it("escapes attribute-breaking quotes in titles and alt text", () => {
    const html = renderMarkdown('[x](https://a.test "t\\" onmouseover=\\"alert(1)") ![a" onerror="b](https://a.test/i.png)');
    expect(html).not.toMatch(/" onmouseover="/);
    expect(html).not.toMatch(/" onerror="/);
  });
});

describe("safeUrl", () => {
  it("allows http(s), mailto and relative URLs only", () => {
    expect(safeUrl("https://a.test")).toBe("https://a.test");
    expect(safeUrl("mailto:a@b.test")).toBe("mailto:a@b.test");
    expect(safeUrl("#section")).toBe("#section");
    expect(safeUrl("docs/readme.md")).toBe("docs/readme.md");
    expect(safeUrl("JavaScript:alert(1)")).toBeNull();
    expect(safeUrl(" vbscript:x")).toBeNull();
    expect(safeUrl("data:text/html,x")).toBeNull();
  });
});

describe("inline Markdown in contract descriptions", () => {
  it("renders code spans and emphasis without a paragraph, and keeps HTML and scripts inert", () => {
    expect(renderInlineMarkdown("Returns `201` with the *new* item")).toBe("Returns <code>201</code> with the <em>new</em> item");
    expect(renderInlineMarkdown('<img src=x onerror="alert(1)"> [x](javascript:alert(1))')).not.toMatch(/<img|javascript:/);
  });
});
