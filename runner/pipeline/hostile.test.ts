// The hostile battery: each submission attacks the runner in one way and must end with a specific,
// readable reason, leave nothing behind, and not disturb the grading that follows.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lieAboutZipSizes, makeTarGz, makeZip, type ArchiveEntry } from "../fixtures/archives";
import { expectNothingLeft } from "../fixtures/expect-clean";
import { FIXTURE_ASSESSMENT, solutionDir, testSubmissionId } from "../fixtures/grading";
import { ensureRuntimeImages } from "../images/ensure";
import type { LimitOverrides } from "../sandbox/limits";
import { gradeAndRelease, type GradeInput, type GradeResult } from "./grade";

// Short deadlines keep the battery fast; the fixture assessment already caps memory (128 MB),
// CPU (0.5), processes (64) and /tmp (16 MB).
const SHORT: LimitOverrides = { readySeconds: 5, testSeconds: 10, buildSeconds: 10, outputBytes: 1024 * 1024 };

let work: string;
beforeAll(async () => {
  await ensureRuntimeImages();
  work = await mkdtemp(path.join(tmpdir(), "hirekit-hostile-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function grade(label: string, source: Pick<GradeInput, "archivePath" | "directory">, overrides: LimitOverrides = {}) {
  const submissionId = testSubmissionId(label);
  const result = await gradeAndRelease({
    ...source,
    assessmentDir: FIXTURE_ASSESSMENT,
    seed: 3,
    submissionId,
    limitOverrides: { ...SHORT, ...overrides },
    intakeLimits: {
      maxCompressedBytes: 1024 * 1024,
      maxExpandedBytes: 16 * 1024 * 1024,
      maxFileBytes: 8 * 1024 * 1024,
      maxEntries: 200,
    },
  });
  await expectNothingLeft(submissionId);
  return result;
}

function failedWith(result: GradeResult, pattern: RegExp) {
  expect(result.status, `reason: ${result.reason}`).toBe("FAILED");
  expect(result.reason).toMatch(pattern);
}

const hostile = (name: string) => ({ directory: solutionDir(`hostile/${name}`) });
const node = (files: ArchiveEntry[]): ArchiveEntry[] => [
  { name: "package.json", content: '{"scripts":{"start":"node server.js"}}' },
  { name: "server.js", content: "require('http').createServer((q, s) => s.end('{}')).listen(3000)" },
  ...files,
];

describe.concurrent("hostile submissions", () => {
  it("huge headers: the reason names the oversized answer, not a busy CPU", async () => {
    const result = await grade("huge-headers", hostile("huge-headers"));
    failedWith(result, /^never became ready on port 3000 within 5 s \(last readiness check: its response headers were larger than a client accepts/);
  });

  it("resolver: the service sees an empty /etc/resolv.conf", async () => {
    const result = await grade("reads-resolver", hostile("reads-resolver"));
    failedWith(result, /^exited with code 4 before becoming ready on port 3000: Error: resolv.conf holds 0 bytes$/);
  });

  it("a Dockerfile build that fails after committing steps leaves none of its step images", async () => {
    const result = await grade("build-fails-late", hostile("build-fails-late"), { buildSeconds: 60 });
    failedWith(result, /^build failed: /);
  });

  it("fork bomb: contained by the process limit", async () => {
    const result = await grade("fork-bomb", hostile("fork-bomb"));
    failedWith(result, /^never became ready on port 3000 within 5 s \(.*it reached the limit of 64 processes/);
  });

  it("memory hog: killed at the memory limit", async () => {
    const result = await grade("memory-hog", hostile("memory-hog"));
    failedWith(result, /^was killed for exceeding its memory limit of 128 MB before becoming ready on port 3000$/);
  });

  it("CPU spin: capped CPU, never ready", async () => {
    const result = await grade("cpu-spin", hostile("cpu-spin"));
    failedWith(result, /^never became ready on port 3000 within 5 s \(it kept the CPU busy without answering\)$/);
  });

  it("endless output: stopped at the output limit, log capped", async () => {
    const result = await grade("endless-output", hostile("endless-output"));
    failedWith(result, /^was stopped after writing more than 1 MB of output before becoming ready on port 3000$/);
    expect(result.runLog.length).toBeLessThan(70 * 1024);
    expect(result.runLog).toContain("bytes omitted");
  });

  it("filling /tmp: the tmpfs size holds", async () => {
    const result = await grade("fill-tmp", hostile("fill-tmp"));
    failedWith(result, /^exited with code 1 before becoming ready on port 3000: .*ENOSPC: no space left on device/);
    expect(result.runLog).toContain("wrote 8 MB to /tmp");
  });

  it("writing outside /tmp: refused everywhere", async () => {
    const result = await grade("write-outside-tmp", hostile("write-outside-tmp"));
    failedWith(result, /^exited with code 1 before becoming ready on port 3000: .*every write outside \/tmp was refused/);
    expect(result.runLog).toContain("write to /app/pwned.txt refused: EROFS");
    expect(result.runLog).toContain("write to /usr/local/pwned.txt refused: EROFS");
    expect(result.runLog).not.toContain("WROTE");
  });

  it("network egress: no route and no DNS", async () => {
    const result = await grade("network-egress", hostile("network-egress"));
    failedWith(result, /^exited with code 1 before becoming ready on port 3000: Error: egress blocked: tcp E\w+, dns E\w+$/);
    expect(result.runLog).not.toContain("EGRESS SUCCEEDED");
  });

  it("never becomes ready", async () => {
    const result = await grade("never-ready", hostile("never-ready"));
    failedWith(result, /^never became ready on port 3000 within 5 s \(last readiness check: status 503\)$/);
  });

  it("exits at once", async () => {
    const result = await grade("exits-at-once", hostile("exits-at-once"));
    failedWith(result, /^exited with code 3 before becoming ready on port 3000: configuration missing, giving up$/);
    expect(result.timings.ready).toBeLessThan(5000);
  });

  it("listens on the wrong port", async () => {
    const result = await grade("wrong-port", hostile("wrong-port"));
    failedWith(result, /^never became ready on port 3000 within 5 s \(it listens on port 8080 instead\)$/);
  });

  it("answers with garbage: graded, every test failed with its reason", async () => {
    const result = await grade("garbage", hostile("garbage"));
    expect(result.status).toBe("GRADED");
    expect(result.scores?.overall).toBe(0);
    expect(result.results).toHaveLength(4);
    for (const test of result.results) {
      expect(test.outcome).not.toBe("passed");
      expect(test.message).toBeTruthy();
    }
  });

  it("hangs one request forever: that test times out, the rest are graded", async () => {
    const result = await grade("hangs", hostile("hangs-one-request"));
    expect(result.status).toBe("GRADED");
    const outcomes = Object.fromEntries(result.results.map((r) => [r.id, r.outcome]));
    expect(outcomes).toEqual({
      health: "passed",
      "create-item": "passed",
      "missing-item": "passed",
      "read-item": expect.not.stringMatching(/passed/),
    });
    expect(result.results.find((r) => r.id === "read-item")?.message).toMatch(/test did not finish within 2 s/);
  });

  it("zip slip", async () => {
    const archive = await makeZip(path.join(work, "slip.zip"), node([{ name: "../../../tmp/evil.js", content: "x" }]));
    failedWith(
      await grade("zip-slip", { archivePath: archive }),
      /^archive refused: entry "\.\.\/\.\.\/\.\.\/tmp\/evil\.js" contains "\.\."/,
    );
  });

  it("link escape", async () => {
    const archive = await makeTarGz(path.join(work, "link.tar.gz"), node([{ name: "secrets", symlink: "/etc/shadow" }]));
    failedWith(
      await grade("link-escape", { archivePath: archive }),
      /^archive refused: link "secrets" points to "\/etc\/shadow", outside the project folder$/,
    );
  });

  it("zip bomb", async () => {
    const archive = await makeZip(path.join(work, "bomb.zip"), node([{ name: "data.bin", zeros: 12 * 1024 * 1024 }]));
    await lieAboutZipSizes(archive, 100);
    failedWith(
      await grade("zip-bomb", { archivePath: archive }),
      /^archive refused: .*expands beyond the size its header declares.*zip bomb/,
    );
  });

  it("too many files", async () => {
    const files = Array.from({ length: 250 }, (_, i) => ({ name: `src/f${i}.js`, content: "module.exports = 1;" }));
    const archive = await makeTarGz(path.join(work, "many.tar.gz"), node(files));
    failedWith(await grade("many-files", { archivePath: archive }), /^archive refused: the archive has more than 200 entries$/);
  });

  it("one huge file", async () => {
    const archive = await makeTarGz(path.join(work, "huge.tar.gz"), node([{ name: "huge.bin", zeros: 12 * 1024 * 1024 }]));
    failedWith(
      await grade("huge-file", { archivePath: archive }),
      /^archive refused: huge\.bin is 12 MB; a single file may be at most 8 MB$/,
    );
  });

  it("not an archive", async () => {
    const file = path.join(work, "solution.zip");
    await writeFile(file, "#!/bin/sh\necho this is a shell script, not a zip\n");
    failedWith(
      await grade("not-archive", { archivePath: file }),
      /^archive refused: the upload is not a \.zip or \.tar\.gz archive$/,
    );
  });

  it("empty archive", async () => {
    const archive = await makeZip(path.join(work, "empty.zip"), []);
    failedWith(await grade("empty", { archivePath: archive }), /^archive refused: the archive contains no files$/);
  });

  it("a Dockerfile with a forbidden base", async () => {
    const result = await grade("forbidden-base", hostile("forbidden-base"));
    failedWith(
      result,
      /^Dockerfile base image node:20-alpine is not allowed; use one of hirekit\/runtime-node:20, hirekit\/runtime-python:3$/,
    );
  });

  it("a build that fills the disk", async () => {
    const result = await grade("build-fills-disk", hostile("build-fills-disk"), { buildDiskMb: 16, buildSeconds: 60 });
    failedWith(result, /^build wrote more than 16 MB during npm run build$/);
  });

  it("a build that loops", async () => {
    const result = await grade("build-loop", hostile("build-loop"), { buildSeconds: 5 });
    failedWith(result, /^build did not finish within 5 s$/);
  });
});

describe("after the battery", () => {
  it("the next normal submission grades correctly", async () => {
    const result = await grade("after-battery", { directory: solutionDir("node-fast") });
    expect(result.status).toBe("GRADED");
    expect(result.scores?.overall).toBe(1);
  });
});
