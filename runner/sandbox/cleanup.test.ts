import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { beforeAll, describe, expect, it } from "vitest";
import { testSubmissionId } from "../fixtures/grading";
import { ensureRuntimeImages } from "../images/ensure";
import { RUNTIME_IMAGES } from "../images/recipes";
import { listSubmissionContainers, removeSubmissionResources, resourceLabels, SUBMISSION_LABEL, sweepLeftovers } from "./cleanup";
import { dockerClient } from "./docker-client";

const docker = dockerClient();

beforeAll(async () => {
  await ensureRuntimeImages();
});

async function labelledContainer(labels: Record<string, string>) {
  const container = await docker.createContainer({
    Image: RUNTIME_IMAGES.node,
    Cmd: ["sleep", "60"],
    Labels: labels,
    HostConfig: { NetworkMode: "none" },
  });
  await container.start();
  return container;
}

describe("cleanup by label", () => {
  it("the sweeper removes leftovers of dead or overdue workers and keeps live work", async () => {
    const deadPid = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const dead = testSubmissionId("dead-owner");
    const overdue = testSubmissionId("overdue");
    const live = testSubmissionId("live");
    await labelledContainer({
      [SUBMISSION_LABEL]: dead,
      "hirekit.owner": `${hostname()}/${deadPid}`,
      "hirekit.expires": String(Date.now() + 60_000),
    });
    await labelledContainer({ ...resourceLabels(overdue, Date.now() - 1000) });
    await labelledContainer({ ...resourceLabels(live, Date.now() + 60_000) });
    await docker.createVolume({ Name: `hirekit-test-${live}`, Labels: resourceLabels(live, Date.now() + 60_000) });

    const report = await sweepLeftovers(docker);
    expect(report.containers).toBeGreaterThanOrEqual(2);
    expect(await listSubmissionContainers(docker, dead)).toEqual([]);
    expect(await listSubmissionContainers(docker, overdue)).toEqual([]);
    expect(await listSubmissionContainers(docker, live)).toHaveLength(1);

    expect(await removeSubmissionResources(docker, live)).toEqual({ containers: 1, images: 0, volumes: 1, networks: 0 });
    expect(await listSubmissionContainers(docker, live)).toEqual([]);
  });
});
