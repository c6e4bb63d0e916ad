import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listMutants, materialiseMutant } from "./mutants";
import { judge, type VariantGrade } from "./verify";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "hirekit-mutants-"));
  await mkdir(path.join(dir, "reference"), { recursive: true });
  await mkdir(path.join(dir, "mutants", "copied"), { recursive: true });
  await writeFile(path.join(dir, "reference", "server.js"), "send(res, 201, item);\nsend(res, 204);\n");
  await writeFile(path.join(dir, "mutants", "copied", "server.js"), "broken();\n");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const spec = (edits: unknown[], caughtBy = ["create-201"]) => ({ description: "POST answers 200", caughtBy, edits });

describe("mutants", () => {
  it("lists edit mutants and folder copies, and applies edits to a copy of the base", async () => {
    await writeFile(path.join(dir, "mutants", "01-status.json"), JSON.stringify(spec([{ file: "server.js", find: "201", replace: "200" }])));
    const mutants = await listMutants(dir);
    expect(mutants.map((m) => [m.id, m.kind])).toEqual([
      ["01-status", "edits"],
      ["copied", "copy"],
    ]);
    const target = await materialiseMutant(dir, mutants[0], path.join(dir, "out-1"));
    expect(await readFile(path.join(target, "server.js"), "utf8")).toBe("send(res, 200, item);\nsend(res, 204);\n");
    expect(await readFile(path.join(dir, "reference", "server.js"), "utf8")).toContain("201");
    const copy = await materialiseMutant(dir, mutants[1], path.join(dir, "out-2"));
    expect(await readFile(path.join(copy, "server.js"), "utf8")).toBe("broken();\n");
  });

  it("refuses an edit whose text is not found exactly once", async () => {
    await writeFile(path.join(dir, "mutants", "02.json"), JSON.stringify(spec([{ file: "server.js", find: "send(res", replace: "x" }])));
    const [mutant] = await listMutants(dir);
    await expect(materialiseMutant(dir, mutant, path.join(dir, "out"))).rejects.toThrow(/occurs 2 times in server\.js/);
  });

  it("refuses a malformed spec, naming the file and field", async () => {
    await writeFile(path.join(dir, "mutants", "03.json"), JSON.stringify(spec([{ file: "../x.js", find: "a", replace: "b" }], [])));
    await expect(listMutants(dir)).rejects.toThrow(/03\.json: caughtBy: .*; edits\.0\.file: must be a relative path inside the base/);
  });
});

const result = (id: string, visibility: "public" | "hidden", passed: boolean) => ({
  id,
  title: id,
  competency: "api-design",
  points: 1,
  earned: passed ? 1 : 0,
  visibility,
  outcome: passed ? ("passed" as const) : ("failed" as const),
  durationMs: 1,
  evidence: [],
});
const graded = (overall: number, results = [result("a", "public", true)]): VariantGrade => ({ status: "GRADED", reason: null, overall, results, ms: 1 });

describe("judge", () => {
  it("wants 100 % from a reference and names what it lost", () => {
    expect(judge("reference", graded(1)).ok).toBe(true);
    const verdict = judge("reference", graded(0.9, [result("a", "hidden", false)]));
    expect(verdict).toEqual({ ok: false, note: "reference must score 100 %; lost: a (failed)" });
  });

  it("wants a starter above 0 and below 30 %", () => {
    expect(judge("starter", graded(0.1)).ok).toBe(true);
    expect(judge("starter", graded(0)).ok).toBe(false);
    expect(judge("starter", graded(0.3)).ok).toBe(false);
  });

  it("wants a mutant to lose points on a hidden test it names", () => {
    expect(judge("mutant", graded(1)).note).toBe("survived: the mutant lost no points");
    expect(judge("mutant", graded(0.9, [result("p", "public", false)])).note).toBe("no hidden test catches it");
    expect(judge("mutant", graded(0.9, [result("h", "hidden", false)]), ["other"]).ok).toBe(false);
    expect(judge("mutant", graded(0.9, [result("h", "hidden", false)]), ["h"])).toEqual({ ok: true, note: "killed by h" });
    expect(judge("mutant", { status: "FAILED", reason: "never ready", overall: 0, results: [], ms: 1 }).ok).toBe(true);
  });
});
