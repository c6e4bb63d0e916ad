// The worker shares no files with the engine: sources, the prober bundle and a build's results
// reach containers through engine volumes, so no container names a path of the worker's disk.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_ASSESSMENT, solutionDir, testSubmissionId } from "../fixtures/grading";
import { ensureRuntimeImages } from "../images/ensure";
import { gradeAndRelease } from "../pipeline/grade";
import { dockerClient } from "./docker-client";
import { DockerSandboxDriver } from "./docker-driver";
import { EMPTY_RESOLV_CONF } from "./run";

let work: string;

beforeAll(async () => {
  await ensureRuntimeImages();
  work = await mkdtemp(path.join(tmpdir(), "hirekit-volumes-"));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A Docker client that records every container it is asked to create. */
function recordingDocker(): { docker: Docker; created: Docker.ContainerCreateOptions[] } {
  const docker = dockerClient();
  const created: Docker.ContainerCreateOptions[] = [];
  const create = docker.createContainer.bind(docker);
  docker.createContainer = ((options: Docker.ContainerCreateOptions) => {
    created.push(options);
    return create(options);
  }) as typeof docker.createContainer;
  return { docker, created };
}

function hostPathsNamed(created: Docker.ContainerCreateOptions[]): string[] {
  return created.flatMap((options) => options.HostConfig?.Binds ?? []).filter((bind) => !bind.startsWith(`${EMPTY_RESOLV_CONF}:`));
}

describe("sources reach containers without a shared filesystem", () => {
  it("grades a fast-path solution with the source and the prober bundle copied into volumes", async () => {
    const { docker, created } = recordingDocker();
    const driver = new DockerSandboxDriver({ docker });
    const result = await gradeAndRelease({
      directory: solutionDir("node-fast"),
      assessmentDir: FIXTURE_ASSESSMENT,
      seed: 1,
      submissionId: testSubmissionId("volumes-fast"),
      driver,
    });
    expect(result.status, result.reason ?? "").toBe("GRADED");
    expect(hostPathsNamed(created)).toEqual([]);
    const service = created.find((options) => options.name?.includes("-svc-"));
    expect(service?.HostConfig?.Mounts).toEqual([expect.objectContaining({ Type: "volume", Target: "/app", ReadOnly: true })]);
  });

  it("keeps a build's results in the engine: the service runs what the build container wrote", async () => {
    const source = path.join(work, "built");
    await cp(solutionDir("node-fast"), source, { recursive: true });
    // server.js only starts when the build ran: its output is required at start.
    await writeFile(path.join(source, "build.js"), 'require("fs").writeFileSync("built.js", "module.exports = true;\\n");\n');
    const server = await readFile(path.join(source, "server.js"), "utf8");
    await writeFile(path.join(source, "server.js"), `require("./built.js");\n${server}`);
    await writeFile(
      path.join(source, "package.json"),
      JSON.stringify({ name: "built", private: true, scripts: { build: "node build.js", start: "node server.js" } }),
    );
    const { docker, created } = recordingDocker();
    // As with a remote engine: not even the npm cache or the CA bundle is bind-mounted.
    const driver = new DockerSandboxDriver({ docker, local: false });
    const result = await gradeAndRelease({
      directory: source,
      assessmentDir: FIXTURE_ASSESSMENT,
      seed: 1,
      submissionId: testSubmissionId("volumes-built"),
      driver,
    });
    expect(result.status, `${result.reason ?? ""}\n${result.buildLog}`).toBe("GRADED");
    expect(hostPathsNamed(created)).toEqual([]);
    const build = created.find((options) => options.name?.includes("-build-"));
    const service = created.find((options) => options.name?.includes("-svc-"));
    const buildVolume = build?.HostConfig?.Mounts?.[0];
    expect(buildVolume).toMatchObject({ Type: "volume", Target: "/app", ReadOnly: false });
    expect(service?.HostConfig?.Mounts).toEqual([{ ...buildVolume, ReadOnly: true }]);
  });
});
