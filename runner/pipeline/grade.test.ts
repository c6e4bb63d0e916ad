import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTarGz, makeZip } from "../fixtures/archives";
import { expectNothingLeft } from "../fixtures/expect-clean";
import { FIXTURE_ASSESSMENT, registryReachable, solutionDir, testSubmissionId } from "../fixtures/grading";
import { ensureRuntimeImages } from "../images/ensure";
import { gradeAndRelease, type GradeResult } from "./grade";

const canReachRegistry = await registryReachable();
let work: string;

beforeAll(async () => {
  await ensureRuntimeImages();
  work = await mkdtemp(path.join(tmpdir(), "hirekit-grade-test-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function expectFullMarks(result: GradeResult) {
  expect(result.reason).toBeNull();
  expect(result.status).toBe("GRADED");
  expect(result.results.map((r) => [r.id, r.outcome])).toEqual(
    expect.arrayContaining([
      ["health", "passed"],
      ["create-item", "passed"],
      ["read-item", "passed"],
      ["missing-item", "passed"],
    ]),
  );
  expect(result.results).toHaveLength(4);
  expect(result.scores?.overall).toBe(1);
  expect(result.scores?.competencies["api-design"]).toEqual({ earned: 4, possible: 4, score: 1 });
}

async function zipFolder(name: string, prefix: string): Promise<string> {
  const dir = solutionDir(name);
  const entries = await Promise.all(
    (await readdir(dir)).map(async (file) => ({ name: `${prefix}${file}`, content: await readFile(path.join(dir, file)) })),
  );
  return makeZip(path.join(work, `${name}.zip`), entries);
}

describe.concurrent("grading the fixture solutions", () => {
  it("grades a Node solution without dependencies on the fast path, from a zip with a top folder", async () => {
    const submissionId = testSubmissionId("node-fast");
    const stages: string[] = [];
    const result = await gradeAndRelease({
      archivePath: await zipFolder("node-fast", "my-solution/"),
      assessmentDir: FIXTURE_ASSESSMENT,
      seed: 7,
      submissionId,
      onProgress: (progress) => {
        if (stages.at(-1) !== progress.stage) stages.push(progress.stage);
      },
    });
    expectFullMarks(result);
    expect(result.solutionKind).toBe("node");
    expect(result.runLog).toContain("listening on 3000");
    expect(stages).toEqual(["extract", "build", "start", "ready", "tests", "cleanup"]);
    for (const stage of ["extract", "build", "start", "ready", "tests", "cleanup"] as const) {
      expect(result.timings[stage]).toBeGreaterThanOrEqual(0);
    }
    const created = result.results.find((r) => r.id === "create-item");
    expect(created?.evidence[0]?.request.method).toBe("POST");
    expect(created?.evidence[0]?.response?.status).toBe(201);
    await expectNothingLeft(submissionId);
  });

  it("grades a Python solution (main.py) from a .tar.gz", async () => {
    const submissionId = testSubmissionId("python");
    const archive = await makeTarGz(path.join(work, "python.tar.gz"), [
      { name: "main.py", content: await readFile(path.join(solutionDir("python-fast"), "main.py")) },
    ]);
    const result = await gradeAndRelease({ archivePath: archive, assessmentDir: FIXTURE_ASSESSMENT, seed: 7, submissionId });
    expectFullMarks(result);
    expect(result.solutionKind).toBe("python");
    await expectNothingLeft(submissionId);
  });

  it("builds and grades a solution that brings a Dockerfile on an allowed base", async () => {
    const submissionId = testSubmissionId("dockerfile");
    const result = await gradeAndRelease({
      directory: solutionDir("dockerfile-python"),
      assessmentDir: FIXTURE_ASSESSMENT,
      seed: 7,
      submissionId,
    });
    expectFullMarks(result);
    expect(result.solutionKind).toBe("dockerfile");
    expect(result.buildLog).toContain("Successfully built");
    await expectNothingLeft(submissionId);
  });

  it.skipIf(!canReachRegistry)("installs dependencies in a build container, then runs without network", async () => {
    const submissionId = testSubmissionId("node-deps");
    const result = await gradeAndRelease({
      directory: solutionDir("node-deps"),
      assessmentDir: FIXTURE_ASSESSMENT,
      seed: 7,
      submissionId,
    });
    expectFullMarks(result);
    expect(result.solutionKind).toBe("node-built");
    expect(result.buildLog).toContain("npm install");
    expect(result.runLog).toContain("ready in under 1s");
    await expectNothingLeft(submissionId);
  });

  it("gives the same requests for the same seed", async () => {
    const grade = (seed: number) =>
      gradeAndRelease({
        directory: solutionDir("node-fast"),
        assessmentDir: FIXTURE_ASSESSMENT,
        seed,
        submissionId: testSubmissionId("seed"),
      });
    const missingUrl = (result: GradeResult) => result.results.find((r) => r.id === "missing-item")?.evidence[0]?.request.url;
    const [first, second, other] = await Promise.all([grade(11), grade(11), grade(12)]);
    expect(missingUrl(first)).toBeDefined();
    expect(missingUrl(first)).toBe(missingUrl(second));
    expect(missingUrl(first)).not.toBe(missingUrl(other));
  });

  it("leaves the caller's folder untouched", async () => {
    const before = await readdir(solutionDir("node-fast"));
    await gradeAndRelease({
      directory: solutionDir("node-fast"),
      assessmentDir: FIXTURE_ASSESSMENT,
      seed: 1,
      submissionId: testSubmissionId("untouched"),
    });
    expect(await readdir(solutionDir("node-fast"))).toEqual(before);
  });
});
