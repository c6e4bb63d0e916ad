import { cp, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/database";
import { FIXTURE_ASSESSMENT, solutionDir } from "../fixtures/grading";
import { ensureRuntimeImages } from "../images/ensure";
import { DockerSandboxDriver } from "../sandbox/docker-driver";
import { calibrateReferences, runtimeImageKey } from "./calibrate";
import { dockerClient } from "../sandbox/docker-client";

let db: TestDatabase;
let assessments: string;

beforeAll(async () => {
  await ensureRuntimeImages();
  db = await createTestDatabase();
  // An assessments folder whose one assessment has a reference solution; beside runner/fixtures so
  // the fixture's tests still resolve the prober's modules.
  assessments = await mkdtemp(path.join(path.dirname(path.dirname(FIXTURE_ASSESSMENT)), ".calibration-test-"));
  await cp(FIXTURE_ASSESSMENT, path.join(assessments, "fixture"), { recursive: true });
  await cp(solutionDir("node-fast"), path.join(assessments, "fixture", "reference"), { recursive: true });
});
afterAll(async () => {
  await db?.drop();
  await rm(assessments, { recursive: true, force: true });
});

describe("reference calibration", () => {
  it("grades each reference once per host, content and runtime image, and keeps its figures", async () => {
    // This test is about what is stored, not about the host: no run is judged starved here.
    const driver = new DockerSandboxDriver({ judgeContention: () => null });
    const runtimeImage = await runtimeImageKey(dockerClient());
    expect(runtimeImage).toMatch(/hirekit\/runtime-node:20@[0-9a-f]{12}/);
    const lines: string[] = [];
    const calibrate = (image: string) =>
      calibrateReferences({ prisma: db.prisma, driver, assessmentsDir: assessments, runtimeImage: image, host: "test-host", log: (line) => lines.push(line) });

    const book = await calibrate(runtimeImage);
    const row = await db.prisma.gradingCalibration.findFirstOrThrow({ where: { host: "test-host", assessmentSlug: "fixture" } });
    expect(row.runtimeImage).toBe(runtimeImage);
    expect(row.testPhaseMs).toBeGreaterThan(0);
    expect(row.latencyScale).toBe(1);
    expect((row.figures as { overall: number }).overall).toBe(1);
    expect(book.latencyScaleFor("fixture", row.contentHash)).toBe(1);
    expect(lines.filter((line) => line.startsWith("calibrating fixture"))).toHaveLength(1);

    // Known: read back, not graded again.
    const again = await calibrate(runtimeImage);
    expect(again.find("fixture", row.contentHash)?.testPhaseMs).toBe(row.testPhaseMs);
    expect(lines.filter((line) => line.startsWith("calibrating fixture"))).toHaveLength(1);

    // A new runtime image is a new grading environment: calibrated again.
    await calibrate(`${runtimeImage}-rebuilt`);
    expect(lines.filter((line) => line.startsWith("calibrating fixture"))).toHaveLength(2);
    expect(await db.prisma.gradingCalibration.count({ where: { host: "test-host" } })).toBe(2);
  });
});
