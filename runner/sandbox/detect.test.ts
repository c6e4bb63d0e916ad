import { mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTree } from "../fixtures/archives";
import { RUNTIME_IMAGES } from "../images/recipes";
import { detectSolution } from "./detect";
import { checkDockerfile } from "./runtimes/dockerfile";
import { startCommand } from "./runtimes/node";
import { pythonRuntime } from "./runtimes/python";

let work: string;
let count = 0;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "hirekit-detect-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});
const project = (files: Record<string, string>) => writeTree(path.join(work, `p${(count += 1)}`), files);

describe("startCommand", () => {
  it("runs plain node commands directly and anything else through npm", () => {
    expect(startCommand("node server.js")).toEqual(["node", "server.js"]);
    expect(startCommand("node --enable-source-maps dist/main.js --port=3000")).toEqual([
      "node",
      "--enable-source-maps",
      "dist/main.js",
      "--port=3000",
    ]);
    expect(startCommand("NODE_ENV=production node server.js")).toEqual(["npm", "start", "--silent"]);
    expect(startCommand("node server.js && echo done")).toEqual(["npm", "start", "--silent"]);
    expect(startCommand("tsx src/index.ts")).toEqual(["npm", "start", "--silent"]);
  });
});

describe("checkDockerfile", () => {
  it("accepts the runtime images and earlier stages", () => {
    const text = "# build\nFROM hirekit/runtime-node:20 AS build\nRUN echo hi\nFROM build\nCOPY --from=build /app /app\n";
    expect(checkDockerfile(text)).toEqual({ ok: true, bases: ["hirekit/runtime-node:20", "build"] });
  });

  it("refuses other bases, variables and copies from other images", () => {
    expect(checkDockerfile("FROM --platform=linux/amd64 python:3.12\n").reason).toBe(
      "Dockerfile base image python:3.12 is not allowed; use one of hirekit/runtime-node:20, hirekit/runtime-python:3",
    );
    expect(checkDockerfile("ARG BASE=hirekit/runtime-node:20\nFROM ${BASE}\n").reason).toMatch(/uses a variable/);
    expect(checkDockerfile("FROM hirekit/runtime-node:20\nCOPY --from=alpine /bin/sh /sh\n").reason).toMatch(
      /COPY --from=alpine/,
    );
    expect(checkDockerfile("RUN echo\n").reason).toBe("Dockerfile has no FROM instruction");
  });
});

describe("detectSolution", () => {
  it("takes the fast path for Node without dependencies", async () => {
    const dir = await project({ "package.json": '{"scripts":{"start":"node index.js"}}', "index.js": "" });
    expect(await detectSolution(dir)).toEqual({
      ok: true,
      plan: { kind: "node", image: RUNTIME_IMAGES.node, build: null, command: ["node", "index.js"] },
    });
  });

  it("installs with npm ci when there is a lock file, and builds when asked", async () => {
    const dir = await project({
      "package.json": '{"scripts":{"start":"node dist/index.js","build":"tsc"},"dependencies":{"ms":"2.1.3"}}',
      "package-lock.json": "{}",
    });
    expect(await detectSolution(dir)).toMatchObject({
      ok: true,
      plan: {
        kind: "node-built",
        image: RUNTIME_IMAGES.node,
        command: ["node", "dist/index.js"],
        build: { image: RUNTIME_IMAGES.node, steps: ["npm ci --no-audit --no-fund", "npm run build"], cache: { volume: "hirekit-npm-cache" } },
      },
    });
  });

  it("prefers a Dockerfile, then package.json, then main.py", async () => {
    expect(
      (await detectSolution(await project({ Dockerfile: "FROM hirekit/runtime-python:3\n", "package.json": "{}" }))).ok,
    ).toBe(true);
    expect(await detectSolution(await project({ "app.py": "" }))).toEqual({
      ok: true,
      plan: { kind: "python", image: RUNTIME_IMAGES.python, build: null, command: ["python3", "app.py"] },
    });
  });

  it("explains what is missing or broken", async () => {
    expect(await detectSolution(await project({ "README.md": "" }))).toEqual({
      ok: false,
      reason:
        "no runnable project found: expected a Dockerfile, a package.json with a start script or main.py / app.py at the top level",
    });
    expect(await detectSolution(await project({ "package.json": "{" }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^package.json is not valid JSON/),
    });
    expect(await detectSolution(await project({ "package.json": '{"scripts":{}}' }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no "start" script/),
    });
  });

  it("does not follow a package.json that is a link", async () => {
    const dir = await project({ "real.json": '{"scripts":{"start":"node x.js"}}' });
    await symlink("real.json", path.join(dir, "package.json"));
    expect((await detectSolution(dir)).ok).toBe(false);
  });
});

describe("runtimes as data", () => {
  it("asks only the runtimes it is given, in their order", async () => {
    const dir = await project({ "main.py": "", "package.json": '{"scripts":{"start":"node x.js"}}' });
    expect(await detectSolution(dir, [pythonRuntime])).toMatchObject({ ok: true, plan: { kind: "python" } });
    expect(await detectSolution(await project({ "README.md": "" }), [pythonRuntime])).toEqual({
      ok: false,
      reason: "no runnable project found: expected main.py / app.py at the top level",
    });
  });
});
