import { mkdtemp, readFile, readlink, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lieAboutZipSizes, makeTarGz, makeZip, type ArchiveEntry } from "../fixtures/archives";
import { extractArchive, type ExtractResult } from "./extract";
import type { IntakeLimits } from "./rules";

const limits: IntakeLimits = {
  maxCompressedBytes: 2 * 1024 * 1024,
  maxExpandedBytes: 8 * 1024 * 1024,
  maxFileBytes: 4 * 1024 * 1024,
  maxEntries: 50,
};

let work: string;
let counter = 0;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "hirekit-intake-test-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function extract(kind: "zip" | "tar.gz", entries: ArchiveEntry[], overrides: Partial<IntakeLimits> = {}) {
  counter += 1;
  const archive = path.join(work, `a${counter}.${kind}`);
  if (kind === "zip") await makeZip(archive, entries);
  else await makeTarGz(archive, entries);
  const destination = path.join(work, `out${counter}`);
  return { result: await extractArchive(archive, destination, { ...limits, ...overrides }), archive, destination };
}

function refused(result: ExtractResult) {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
  return result;
}

const project: ArchiveEntry[] = [
  { name: "package.json", content: '{"scripts":{"start":"node server.js"}}' },
  { name: "server.js", content: "console.log('hi')", mode: 0o100755 },
  { name: "lib/util.js", content: "export {}" },
];

describe.each(["zip", "tar.gz"] as const)("%s intake", (kind) => {
  it("extracts a project and keeps the executable bit", async () => {
    const { result } = await extract(kind, project);
    if (!result.ok) throw new Error(result.message);
    expect(result.format).toBe(kind);
    expect(result.files).toBe(3);
    expect(result.strippedFolder).toBeNull();
    expect(await readFile(path.join(result.root, "lib/util.js"), "utf8")).toBe("export {}");
    expect((await stat(path.join(result.root, "server.js"))).mode & 0o777).toBe(0o755);
    expect((await stat(path.join(result.root, "package.json"))).mode & 0o777).toBe(0o644);
  });

  it("strips a single top-level folder and drops macOS metadata", async () => {
    const { result, destination } = await extract(kind, [
      ...project.map((entry) => ({ ...entry, name: `solution/${entry.name}` })),
      { name: "__MACOSX/solution/._server.js", content: "junk" },
      { name: "solution/.DS_Store", content: "junk" },
    ]);
    if (!result.ok) throw new Error(result.message);
    expect(result.strippedFolder).toBe("solution");
    expect(result.root).toBe(path.join(destination, "solution"));
    expect(await readFile(path.join(result.root, "server.js"), "utf8")).toBe("console.log('hi')");
    await expect(stat(path.join(result.root, ".DS_Store"))).rejects.toThrow();
  });

  it("keeps links that stay inside the project", async () => {
    const { result } = await extract(kind, [...project, { name: "bin/start", symlink: "../server.js" }]);
    if (!result.ok) throw new Error(result.message);
    expect(await readlink(path.join(result.root, "bin/start"))).toBe("../server.js");
  });

  it("refuses ../ paths (zip slip)", async () => {
    const result = refused((await extract(kind, [...project, { name: "../../evil.sh", content: "x" }])).result);
    expect(result.rule).toBe("parent-traversal");
    expect(result.message).toContain('"../../evil.sh"');
    await expect(stat(path.join(work, "evil.sh"))).rejects.toThrow();
  });

  it("refuses absolute paths", async () => {
    const result = refused((await extract(kind, [{ name: "/etc/cron.d/evil", content: "x" }])).result);
    expect(result.rule).toBe("absolute-path");
  });

  it("refuses a link pointing outside", async () => {
    const result = refused((await extract(kind, [...project, { name: "escape", symlink: "../../../etc/passwd" }])).result);
    expect(result.rule).toBe("link-escape");
    expect(result.message).toMatch(/outside the project folder/);
  });

  it("refuses an absolute link", async () => {
    const result = refused((await extract(kind, [...project, { name: "escape", symlink: "/etc/passwd" }])).result);
    expect(result.rule).toBe("link-escape");
  });

  it("refuses a chain of links that escapes although each looks internal", async () => {
    const result = refused(
      (await extract(kind, [...project, { name: "a", symlink: "." }, { name: "b", symlink: "a/a/a/../.." }])).result,
    );
    expect(result.rule).toBe("link-escape");
  });

  it("refuses writing a file through a link", async () => {
    const result = refused(
      (await extract(kind, [...project, { name: "dir", symlink: "lib" }, { name: "dir/x.js", content: "x" }])).result,
    );
    expect(result.rule).toBe("duplicate-entry");
  });

  it("refuses device files", async () => {
    const result = refused((await extract(kind, [...project, { name: "null", device: "character-device" }])).result);
    expect(result.rule).toBe("device-file");
  });

  it("refuses too many entries", async () => {
    const many = Array.from({ length: 60 }, (_, index) => ({ name: `f${index}.txt`, content: "x" }));
    const result = refused((await extract(kind, many)).result);
    expect(result.rule).toBe("file-count");
    expect(result.message).toContain("more than 50 entries");
  });

  it("refuses one huge file", async () => {
    const result = refused((await extract(kind, [...project, { name: "huge.bin", zeros: 6 * 1024 * 1024 }])).result);
    expect(result.rule).toBe("file-size");
    expect(result.message).toContain("huge.bin");
  });

  it("refuses an archive that expands past the limit", async () => {
    const parts = Array.from({ length: 4 }, (_, index) => ({ name: `part${index}.bin`, zeros: 3 * 1024 * 1024 }));
    const result = refused((await extract(kind, parts)).result);
    expect(result.rule).toBe("expanded-size");
  });

  it("refuses an archive with only folders as empty", async () => {
    const result = refused((await extract(kind, [{ name: "empty/", directory: true }])).result);
    expect(result.rule).toBe("empty-archive");
  });

  it("refuses an archive over the compressed size limit", async () => {
    const result = refused((await extract(kind, project, { maxCompressedBytes: 100 })).result);
    expect(result.rule).toBe("compressed-size");
  });

  it("refuses the same path twice", async () => {
    const result = refused((await extract(kind, [...project, { name: "server.js", content: "again" }])).result);
    expect(result.rule).toBe("duplicate-entry");
  });
});

describe("format specific rules", () => {
  it("catches a zip bomb whose headers lie about its size while streaming", async () => {
    const archive = path.join(work, "bomb.zip");
    await makeZip(archive, [{ name: "bomb.bin", zeros: 3 * 1024 * 1024 }]);
    await lieAboutZipSizes(archive, 1000);
    const result = refused(await extractArchive(archive, path.join(work, "bomb-out"), limits));
    expect(result.rule).toBe("expanded-size");
    expect(result.message).toContain("zip bomb");
    // Stopped at the first chunk past the declared size: little or nothing reached the disk.
    const written = await stat(path.join(work, "bomb-out", "bomb.bin")).catch(() => null);
    expect(written?.size ?? 0).toBeLessThan(1024 * 1024);
  });

  it("refuses hard links in a tar", async () => {
    const result = refused((await extract("tar.gz", [...project, { name: "copy.js", hardlink: "server.js" }])).result);
    expect(result.rule).toBe("hard-link");
  });

  it("refuses a file that is not an archive", async () => {
    const file = path.join(work, "notes.txt");
    await writeFile(file, "just some text that is not an archive");
    const result = refused(await extractArchive(file, path.join(work, "notes-out"), limits));
    expect(result.rule).toBe("not-an-archive");
    expect(result.message).toBe("the upload is not a .zip or .tar.gz archive");
  });

  it("refuses a zero-byte upload and an empty zip", async () => {
    const file = path.join(work, "zero.zip");
    await writeFile(file, "");
    expect(refused(await extractArchive(file, path.join(work, "zero-out"), limits)).rule).toBe("empty-archive");
    const emptyZip = await makeZip(path.join(work, "empty.zip"), []);
    expect(refused(await extractArchive(emptyZip, path.join(work, "empty-out"), limits)).rule).toBe("empty-archive");
  });

  it("refuses a truncated archive as damaged", async () => {
    const archive = await makeTarGz(path.join(work, "whole.tar.gz"), project);
    const bytes = await readFile(archive);
    const cut = path.join(work, "cut.tar.gz");
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const result = refused(await extractArchive(cut, path.join(work, "cut-out"), limits));
    expect(result.rule).toBe("corrupt-archive");
  });
});
