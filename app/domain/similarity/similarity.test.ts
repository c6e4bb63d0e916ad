import { describe, expect, it } from "vitest";
import { SimilarityIndex, matchingRegions } from "./compare";
import { fingerprintFiles, hashSet, winnow, withoutBaseline } from "./fingerprint";
import { tokenize } from "./tokens";
import { disguised, independent, original, starter } from "./test-samples";

describe("tokenize", () => {
  it("drops comments and whitespace and normalises names, strings and numbers", () => {
    const a = tokenize("const total = price * 2; // double\n/* x */ return total;", "js").map((t) => t.text);
    const b = tokenize("const sum=cost*7\nreturn sum", "js").map((t) => t.text);
    expect(a).toEqual(b);
    expect(tokenize('def f(x):\n    """doc"""\n    return x # c\n', "python").map((t) => t.text)).toEqual(["def", "V", "(", "V", ")", ":", "S", "return", "V"]);
  });
});

describe("winnow", () => {
  it("keeps at least one position per window", () => {
    const picked = winnow([5, 3, 9, 1, 7, 7, 2, 8], 3);
    for (let start = 0; start + 3 <= 8; start++) expect(picked.some((p) => p >= start && p < start + 3)).toBe(true);
  });
});

describe("similarity check", () => {
  it("flags exactly the renamed, reordered copy and not the independent solution", () => {
    const baseline = hashSet(fingerprintFiles([{ path: "server.js", text: starter }]));
    const prints = {
      original: withoutBaseline(fingerprintFiles([{ path: "src/server.js", text: original }]), baseline),
      disguised: withoutBaseline(fingerprintFiles([{ path: "index.js", text: disguised }]), baseline),
      independent: withoutBaseline(fingerprintFiles([{ path: "main.py", text: independent }]), baseline),
    };
    const index = new SimilarityIndex();
    const flagged: string[] = [];
    for (const [name, fingerprint] of Object.entries(prints)) {
      for (const match of index.query(hashSet(fingerprint), name)) flagged.push(`${match.submissionId}~${name}`);
      index.add({ submissionId: name, ownerId: name, hashes: hashSet(fingerprint) });
    }
    expect(flagged).toEqual(["original~disguised"]);
  });

  it("never matches a candidate's own attempts", () => {
    const fingerprint = fingerprintFiles([{ path: "a.js", text: original }]);
    const index = new SimilarityIndex();
    index.add({ submissionId: "attempt-1", ownerId: "cand", hashes: hashSet(fingerprint) });
    expect(index.query(hashSet(fingerprint), "cand")).toEqual([]);
    expect(index.query(hashSet(fingerprint), "someone-else")).toEqual([expect.objectContaining({ submissionId: "attempt-1", score: 1 })]);
  });

  it("locates the matching regions on both sides", () => {
    const a = fingerprintFiles([{ path: "src/server.js", text: original }]);
    const b = fingerprintFiles([{ path: "index.js", text: disguised }]);
    const regions = matchingRegions(a, b);
    expect(regions[0]).toMatchObject({ a: { file: "src/server.js" }, b: { file: "index.js" } });
    expect(regions[0].a.from).toBeLessThanOrEqual(regions[0].a.to);
  });
});
