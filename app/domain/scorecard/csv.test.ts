import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { neutraliseFormula, toCsv } from "./csv";

describe("neutraliseFormula", () => {
  it("prefixes a quote to a formula at the start", () => {
    expect(neutraliseFormula('=HYPERLINK("http://evil")')).toBe(`'=HYPERLINK("http://evil")`);
    expect(neutraliseFormula("+1")).toBe("'+1");
    expect(neutraliseFormula("-2+3")).toBe("'-2+3");
    expect(neutraliseFormula("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutraliseFormula("\tcmd")).toBe("'\tcmd");
    expect(neutraliseFormula("a=b")).toBe("a=b");
  });

  it("neutralises a formula after ; , tab or a line break (spreadsheets that split on ;)", () => {
    expect(neutraliseFormula("Bob;=1+1;x")).toBe("Bob;'=1+1;x");
    expect(neutraliseFormula("a,+cmd")).toBe("a,'+cmd");
    expect(neutraliseFormula("a\t@x")).toBe("a\t'@x");
    expect(neutraliseFormula("a\n-1")).toBe("a\n'-1");
    expect(neutraliseFormula("a; b=c")).toBe("a; b=c");
  });
});

describe("toCsv", () => {
  it("writes a BOM, quotes every text cell and leaves numbers bare", () => {
    expect(toCsv(["a", "b"], [["x", 1], ["=y", null], ["Bob;=1+1;x", -1.5]])).toBe(
      '\uFEFF"a","b"\r\n"x",1\r\n"\'=y",\r\n"Bob;\'=1+1;x",-1.5\r\n',
    );
  });

  it("round-trips quotes, separators and line breaks", () => {
    const csv = toCsv(["name"], [['say "hi", then; go\nnow'], [new Date("2026-03-04T05:06:07Z")], [true]]);
    expect(parse(csv.slice(1), { relax_column_count: true })).toEqual([["name"], ['say "hi", then; go\nnow'], ["2026-03-04T05:06:07.000Z"], ["true"]]);
  });

  it("never leaves a cell a ;-splitting spreadsheet would evaluate", () => {
    const csv = toCsv(["name"], [["Bob;=1+1;x"], ["x,@y"], ["-z\t+w"]]);
    for (const piece of csv.slice(1).split(/[;,\t\r\n]/)) expect(piece.replace(/^"/, "")).not.toMatch(/^[=+\-@]/);
  });
});
