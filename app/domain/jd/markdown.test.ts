import { describe, expect, it } from "vitest";
import { escapeMarkdown, toMarkdown } from "./markdown";
import { completeJd } from "./test-fixtures";

describe("Markdown export", () => {
  it("has the title, facts, every section and item in order, benefits and how to apply", () => {
    const doc = completeJd("SENIOR");
    const md = toMarkdown(doc);
    const [title, blank, facts] = md.split("\n");
    expect([title, blank]).toEqual(["# Senior Backend Developer", ""]);
    expect(facts!.replace(/\u00a0/g, " ")).toBe("**Northwind Labs** · Payments Platform · Hybrid · Kraków, Poland · Full-time · PLN 16,000 – PLN 22,000 per month");
    const expectedOrder = [
      "## About us",
      ...doc.sections.flatMap((s) => [`## ${s.heading}`, ...s.items.map((i) => `- ${escapeMarkdown(i.text)}`)]),
      "## Benefits",
      ...doc.benefits.map((b) => `- ${b}`),
      "## How to apply",
      "_Applications close on 2030-03-31._",
    ];
    let cursor = 0;
    for (const line of expectedOrder) {
      const at = md.indexOf(`\n${line}\n`, cursor);
      expect(at, line).toBeGreaterThanOrEqual(cursor);
      cursor = at + 1;
    }
  });

  it("escapes user text so it cannot inject Markdown", () => {
    expect(escapeMarkdown("# not a heading")).toBe("\\# not a heading");
    expect(escapeMarkdown("use *stars* and [links](x) and <b>")).toBe("use \\*stars\\* and \\[links\\](x) and \\<b\\>");
    expect(escapeMarkdown("snake_case")).toBe("snake\\_case");
  });

  it("leaves out empty sections", () => {
    const doc = { ...completeJd(), benefits: [], aboutCompany: "", sections: completeJd().sections.map((s) => (s.kind === "TOOL" ? { ...s, items: [] } : s)) };
    const md = toMarkdown(doc);
    expect(md).not.toContain("## Benefits");
    expect(md).not.toContain("## About us");
    expect(md).not.toContain("## Our stack");
  });
});
