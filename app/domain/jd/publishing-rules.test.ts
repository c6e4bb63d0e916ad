import { describe, expect, it } from "vitest";
import { PUBLISHING_RULES, publishingRuleProblems } from "./publishing-rules";
import { completeJd } from "./test-fixtures";

describe("publishing rules", () => {
  it("pass for a JD filled in for publishing", () => {
    expect(publishingRuleProblems(completeJd())).toEqual([]);
  });

  it.each(PUBLISHING_RULES.map((rule) => [rule.id, rule] as const))("%s fails on its example and names only itself", (_id, rule) => {
    expect(publishingRuleProblems(rule.example(completeJd()))).toEqual([rule.message]);
  });

  it("block publishing when the JD has no apply address, whether link or e-mail", () => {
    expect(publishingRuleProblems({ ...completeJd(), applyTo: "" })).toEqual(["Add where candidates apply: a URL or an email."]);
    expect(publishingRuleProblems({ ...completeJd(), applyTo: "jobs@northwind.example" })).toEqual([]);
    expect(publishingRuleProblems({ ...completeJd(), applyTo: "https://ats.example/northwind/42" })).toEqual([]);
  });
});
