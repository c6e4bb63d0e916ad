import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAssessment } from "../assessment/load";
import { FIXTURE_ASSESSMENT } from "../fixtures/grading";
import { cachedProberBundle } from "./bundle-cache";

let cacheDir: string;
beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), "hirekit-bundle-cache-"));
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

describe("the prober bundle cache", () => {
  it("keeps one file per audience, shared by concurrent callers and reused afterwards", async () => {
    const assessment = await loadAssessment(FIXTURE_ASSESSMENT);
    const request = { assessmentDir: assessment.dir, slug: assessment.slug, contentHash: assessment.contentHash, cacheDir };
    const [all, again, publicOnly] = await Promise.all([
      cachedProberBundle({ ...request, publicOnly: false }),
      cachedProberBundle({ ...request, publicOnly: false }),
      cachedProberBundle({ ...request, publicOnly: true }),
    ]);
    expect(again).toBe(all);
    expect(publicOnly).not.toBe(all);
    expect((await readdir(cacheDir)).sort()).toEqual([path.basename(all), path.basename(publicOnly)].sort());
    const built = (await stat(all)).mtimeMs;
    expect(await cachedProberBundle({ ...request, publicOnly: false })).toBe(all);
    expect((await stat(all)).mtimeMs).toBe(built);
    expect((await stat(publicOnly)).size).toBeLessThan((await stat(all)).size);
  });
});
