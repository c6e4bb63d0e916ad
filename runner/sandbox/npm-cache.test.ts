import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_ASSESSMENT, registryReachable, solutionDir, testSubmissionId } from "../fixtures/grading";
import { ensureRuntimeImages } from "../images/ensure";
import { gradeAndRelease } from "../pipeline/grade";
import { DockerSandboxDriver } from "./docker-driver";
import { RUNTIME_IMAGES, SANDBOX_UID } from "../images/recipes";
import { dockerClient } from "./docker-client";
import { NpmCacheStore, type BuildCache } from "./npm-cache";

const docker = dockerClient();
const canReachRegistry = await registryReachable();
let root: string;

beforeAll(async () => {
  await ensureRuntimeImages();
  root = await mkdtemp(path.join(tmpdir(), "hirekit-npm-cache-"));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Runs a script as a build does: the sandbox user, no capabilities, the build's cache at /npm-cache. */
async function asBuild(cache: BuildCache, script: string): Promise<string> {
  const container = await docker.createContainer({
    Image: RUNTIME_IMAGES.node,
    User: `${SANDBOX_UID}:${SANDBOX_UID}`,
    Cmd: ["node", "-e", script],
    HostConfig: { NetworkMode: "none", CapDrop: ["ALL"], SecurityOpt: ["no-new-privileges"], Binds: [`${cache.dir}:/npm-cache`] },
  });
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    await container.start();
    await container.wait();
    // Strip Docker's 8-byte frame headers.
    const raw = Buffer.concat(chunks);
    const out: Buffer[] = [];
    for (let offset = 0; offset + 8 <= raw.length; ) {
      const size = raw.readUInt32BE(offset + 4);
      out.push(raw.subarray(offset + 8, offset + 8 + size));
      offset += 8 + size;
    }
    return Buffer.concat(out).toString("utf8");
  } finally {
    await container.remove({ force: true });
  }
}

const GOOD = "a package tarball, honest bytes";
const GOOD_HASH = createHash("sha512").update(GOOD).digest("hex");
const contentPath = (hex: string) => `_cacache/content-v2/sha512/${hex.slice(0, 2)}/${hex.slice(2, 4)}/${hex.slice(4)}`;
const FORGED_HASH = createHash("sha512").update("what the path promises").digest("hex");

describe("NpmCacheStore: one build cannot see or change what another build wrote", () => {
  it("promotes only verified content and keeps the store read-only to later builds", async () => {
    const store = new NpmCacheStore(root, SANDBOX_UID);
    const first = await store.forBuild("first");
    const written = await asBuild(
      first,
      `
      const fs = require("fs"), path = require("path");
      const put = (file, text) => { fs.mkdirSync(path.dirname(file), { recursive: true }); fs.writeFileSync(file, text); };
      put("/npm-cache/${contentPath(GOOD_HASH)}", ${JSON.stringify(GOOD)});
      put("/npm-cache/${contentPath(FORGED_HASH)}", "planted bytes under someone else's hash");
      put("/npm-cache/_cacache/index-v5/aa/bb/cccc", "make-fetch-happen:request-cache:https://registry/express.tgz -> ${FORGED_HASH}");
      put("/npm-cache/_logs/2026-debug-0.log", "first candidate's npm log with its secrets");
      put("/npm-cache/planted.js", "module.exports = 'for the next build'");
      console.log("wrote");
      `,
    );
    expect(written.trim()).toBe("wrote");
    const report = await first.promote();
    await first.dispose();
    expect(report).toMatchObject({ promoted: 1, refused: 1 });

    const second = await store.forBuild("second");
    const seen = await asBuild(
      second,
      `
      const fs = require("fs");
      const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(dir + "/" + e.name) : [dir + "/" + e.name]);
      const files = walk("/npm-cache").map((f) => f.slice("/npm-cache/".length));
      const good = "/npm-cache/${contentPath(GOOD_HASH)}";
      const attempt = (fn) => { try { fn(); return "done"; } catch (e) { return e.code; } };
      console.log(JSON.stringify({
        files,
        good: fs.readFileSync(good, "utf8"),
        overwrite: attempt(() => fs.writeFileSync(good, "tampered")),
        append: attempt(() => fs.appendFileSync(good, "tampered")),
        chmod: attempt(() => fs.chmodSync(good, 0o666)),
        unlink: attempt(() => fs.unlinkSync(good)),
      }));
      `,
    );
    await second.dispose();
    const view = JSON.parse(seen) as Record<string, unknown>;
    // Only verified content reached the second build: no forged entry, index, log or stray file.
    expect(view.files).toEqual([contentPath(GOOD_HASH)]);
    expect(view.good).toBe(GOOD);
    expect(view.overwrite).toBe("EACCES");
    expect(view.append).toBe("EACCES");
    expect(view.chmod).toBe("EPERM");
    // Removing its own link is allowed and harmless: the store keeps the file.
    expect(view.unlink).toBe("done");

    const kept = path.join(root, "store", contentPath(GOOD_HASH));
    expect(await readFile(kept, "utf8")).toBe(GOOD);
    expect((await stat(kept)).mode & 0o777).toBe(0o444);
    expect(await readdir(path.join(root, "store"))).toEqual(["_cacache"]);

    const third = await store.forBuild("third");
    expect(await readFile(path.join(third.dir, contentPath(GOOD_HASH)), "utf8")).toBe(GOOD);
    await third.dispose();
    expect(await readdir(path.join(root, "builds"))).toEqual([]);
  });

  it("sweeps the build folders of processes that are gone", async () => {
    const store = new NpmCacheStore(root, SANDBOX_UID);
    const live = await store.forBuild("live");
    const { mkdir } = await import("node:fs/promises");
    await mkdir(path.join(root, "builds", "999999999-dead-0000"), { recursive: true });
    expect(await store.sweep()).toBe(1);
    expect(await readdir(path.join(root, "builds"))).toEqual([path.basename(live.dir)]);
    await live.dispose();
  });
});

describe("builds use the store through the driver", () => {
  it.skipIf(!canReachRegistry)("a real npm install fills the store with verified content only, and the next build reads it", async () => {
    const storeRoot = await mkdtemp(path.join(tmpdir(), "hirekit-npm-store-"));
    try {
      const driver = new DockerSandboxDriver({ npmCache: new NpmCacheStore(storeRoot, SANDBOX_UID) });
      const grade = () =>
        gradeAndRelease({ directory: solutionDir("node-deps"), assessmentDir: FIXTURE_ASSESSMENT, seed: 3, submissionId: testSubmissionId("npm-store"), driver });
      const first = await grade();
      expect(first.status).toBe("GRADED");
      const listAll = async (dir: string): Promise<string[]> =>
        (await readdir(dir, { withFileTypes: true })).flatMap((entry) => (entry.isDirectory() ? [] : [path.join(dir, entry.name)])).concat(
          ...(await Promise.all(
            (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => listAll(path.join(dir, entry.name))),
          )),
        );
      const stored = await listAll(path.join(storeRoot, "store"));
      expect(stored.length).toBeGreaterThan(0);
      for (const file of stored) {
        const hex = path.relative(path.join(storeRoot, "store", "_cacache", "content-v2", "sha512"), file).split(path.sep).join("");
        expect(createHash("sha512").update(await readFile(file)).digest("hex")).toBe(hex);
      }
      const second = await grade();
      expect(second.status).toBe("GRADED");
      expect(await readdir(path.join(storeRoot, "builds"))).toEqual([]);
    } finally {
      await rm(storeRoot, { recursive: true, force: true });
    }
  });
});
