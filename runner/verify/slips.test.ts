import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestResult } from "../prober/contract";
import { listSlips, materialiseSlip } from "./mutants";
import { formatRow, judgeSlip, type VariantGrade } from "./verify";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "hirekit-slips-"));
  await mkdir(path.join(dir, "reference"), { recursive: true });
  await mkdir(path.join(dir, "slips"), { recursive: true });
  await writeFile(path.join(dir, "reference", "server.js"), "send(res, 201, item);\n");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const result = (id: string, points: number, earned: number): TestResult => ({
  id,
  title: id,
  competency: "api-design",
  points,
  earned,
  visibility: "hidden",
  outcome: earned < points ? "failed" : "passed",
  durationMs: 1,
  evidence: [],
});
const graded = (results: TestResult[]): VariantGrade => ({ status: "GRADED", reason: null, overall: 0.9, results, ms: 10 });

describe("slips", () => {
  it("are stored like edit mutants, naming the tests about their rule", async () => {
    await writeFile(
      path.join(dir, "slips", "01-create-200.json"),
      JSON.stringify({ description: "POST answers 200", about: ["create-item"], edits: [{ file: "server.js", find: "201", replace: "200" }] }),
    );
    const [slip] = await listSlips(dir);
    expect(slip).toMatchObject({ id: "01-create-200", spec: { base: "reference", about: ["create-item"] } });
    const target = await materialiseSlip(dir, slip, path.join(dir, "out"));
    expect(await readFile(path.join(target, "server.js"), "utf8")).toBe("send(res, 200, item);\n");
  });

  it("refuses a slip that names no test about its rule", async () => {
    await writeFile(path.join(dir, "slips", "02.json"), JSON.stringify({ description: "POST answers 200", about: [], edits: [{ file: "server.js", find: "201", replace: "200" }] }));
    await expect(listSlips(dir)).rejects.toThrow(/02\.json: about: /);
  });
});

describe("judgeSlip", () => {
  it("passes a slip that costs at most twice the points about its rule, and prints loss beside bound", () => {
    const verdict = judgeSlip(graded([result("create-item", 3, 0), result("contract:POST:/items", 0.5, 0), result("list", 2, 2)]), ["create-item", "contract:POST:/items"]);
    expect(verdict).toMatchObject({ ok: true, loss: 3.5, bound: 7 });
    const row = formatRow({ assessment: "a", variant: "slip 01", role: "slip", status: "GRADED", score: 0.9, ms: 10, ...verdict });
    expect(row).toContain("3.5 ≤ 7");
  });

  it("fails a slip that collapses the score, naming where the points went", () => {
    const results = [result("create-item", 3, 0), ...Array.from({ length: 5 }, (_, i) => result(`list-${i}`, 2, 0))];
    const verdict = judgeSlip(graded(results), ["create-item"]);
    expect(verdict.ok).toBe(false);
    expect(verdict.note).toMatch(/^costs more than 2 × the 3 points about its rule; lost on create-item, list-0, list-1, list-2, … \(6\)$/);
  });

  it("fails a slip nobody notices, and one naming a test that did not run", () => {
    expect(judgeSlip(graded([result("create-item", 3, 3)]), ["create-item"])).toMatchObject({ ok: false, note: "not noticed: the slip lost no points" });
    expect(judgeSlip(graded([result("create-item", 3, 0)]), ["nope"]).note).toBe("about names tests that did not run: nope");
  });

  it("counts every seeded derived check a prefix names", () => {
    const results = [result("negative:unsupported-method:PUT:/a", 1, 0), result("negative:unsupported-method:PATCH:/a", 1, 0), result("method-not-allowed", 1, 0)];
    expect(judgeSlip(graded(results), ["method-not-allowed", "negative:unsupported-method:*"])).toMatchObject({ ok: true, loss: 3, bound: 6 });
  });
});
