import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { solutionDir, testSubmissionId } from "../fixtures/grading";
import { ensureRuntimeImages } from "../images/ensure";
import { SUBMISSION_LABEL } from "./cleanup";
import { dockerClient } from "./docker-client";
import { DockerSandboxDriver } from "./docker-driver";
import { labelledDockerfile } from "./dockerfile-build";
import { sandboxLimits } from "./limits";

let work: string;
beforeAll(async () => {
  await ensureRuntimeImages();
  work = await mkdtemp(path.join(tmpdir(), "hirekit-dockerfile-build-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("labelledDockerfile", () => {
  it("labels every stage right after its FROM, continuation lines included", () => {
    const text = "FROM hirekit/runtime-node:20 AS build\nRUN echo\nFROM \\\n  build\nCMD [\"node\"]";
    expect(labelledDockerfile(text, { "hirekit.submission": "s1", "hirekit.build": "b1" })).toBe(
      'FROM hirekit/runtime-node:20 AS build\nLABEL hirekit.submission="s1" hirekit.build="b1"\nRUN echo\nFROM \\\n  build\nLABEL hirekit.submission="s1" hirekit.build="b1"\nCMD ["node"]',
    );
  });
});

describe("a Dockerfile build", () => {
  it("labels the images of its steps from the first step, so destroy() finds them after a failed build", async () => {
    const submissionId = testSubmissionId("build-labels");
    const sourceDir = path.join(work, "source");
    await cp(solutionDir("hostile/build-fails-late"), sourceDir, { recursive: true });
    const driver = new DockerSandboxDriver();
    const docker = dockerClient();
    const filters = JSON.stringify({ label: [`${SUBMISSION_LABEL}=${submissionId}`] });
    try {
      const outcome = await driver.prepare({
        submissionId,
        sourceDir,
        port: 3000,
        limits: sandboxLimits({ memoryMb: 256, cpus: 1, pids: 64, buildSeconds: 60, readySeconds: 5, testSeconds: 5, tmpfsMb: 16 }),
        expiresAt: Date.now() + 600_000,
      });
      expect(outcome).toMatchObject({ ok: false, reason: expect.stringMatching(/^build failed: /) });
      expect((await docker.listImages({ all: true, filters })).length).toBeGreaterThan(0);
    } finally {
      await driver.destroy(submissionId);
    }
    expect(await docker.listImages({ all: true, filters })).toEqual([]);
    expect(await docker.listContainers({ all: true, filters })).toEqual([]);
  });
});
