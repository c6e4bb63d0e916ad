// "Changes from the starter" compares an upload with the starter zip the candidate downloaded,
// not just the assessment's starter folder: the brief, the contract, CHECK.md and the bundled
// check.mjs came from us and are no change of theirs. check.mjs is collapsed like a lockfile.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeZip } from "../../runner/fixtures/archives";
import { extractArchive } from "../../runner/intake/extract";
import { syncAssessments } from "~/lib/assessment-sync.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { HttpSession } from "../support/http-session";
import { createInvite, tempDataDir } from "./candidate-fixtures";
import { PASSWORD, createAttempt, createUsers } from "./scorecard-fixtures";

const SLUG = "junior-inventory-api";

let db: TestDatabase;
let app: AppServer;
let dir: string;
let manager: HttpSession;
let invitationId: string;
let starterPaths: string[];

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/")).sort();
}

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), "hirekit-starter-diff-"));
  const users = await createUsers(db.prisma);
  await syncAssessments(db.prisma, "assessments");
  const assessment = await db.prisma.assessment.findUniqueOrThrow({ where: { slug: SLUG } });
  const invite = await createInvite(db.prisma, { assessmentId: assessment.id, createdById: users.recruiter.id, startedAt: new Date(), name: "Stella Starter" });
  invitationId = invite.id;
  app = await startAppServer({ DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL!, DATA_DIR: await tempDataDir(), ASSESSMENTS_DIR: "assessments" });

  // The candidate downloads the starter, edits one file and uploads the whole folder back.
  const download = await fetch(`${app.url}/c/${invite.token}/starter`);
  expect(download.status).toBe(200);
  const starterZip = path.join(dir, "starter.zip");
  await writeFile(starterZip, Buffer.from(await download.arrayBuffer()));
  const extracted = await extractArchive(starterZip, path.join(dir, "work"));
  if (!extracted.ok) throw new Error(extracted.message);
  starterPaths = await filesUnder(extracted.root);
  const server = path.join(extracted.root, "server.js");
  await writeFile(server, `${await readFile(server, "utf8")}\n// the candidate's change\n`);
  const upload = await makeZip(
    path.join(dir, "upload.zip"),
    await Promise.all(starterPaths.map(async (rel) => ({ name: `${SLUG}/${rel}`, content: await readFile(path.join(extracted.root, rel)) }))),
  );
  const row = await createAttempt(db.prisma, invitationId, 1, {});
  await db.prisma.submission.update({ where: { id: row.id }, data: { archivePath: upload } });

  manager = new HttpSession(app.url);
  expect((await manager.login(users.manager1.email, PASSWORD)).status).toBe(302);
});

afterAll(async () => {
  await app?.stop();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("changes from the starter", () => {
  it("lists only the file the candidate edited", async () => {
    // The upload carries everything the zip gave the candidate, not just the starter folder.
    expect(starterPaths).toEqual(expect.arrayContaining(["brief.md", "openapi.yaml", "CHECK.md", "check.mjs", "server.js"]));
    const response = await manager.get(`/scorecards/${invitationId}/code?attempt=1&diff=starter`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const changed = [...html.matchAll(/href="#diff-([^"]+)"/g)].map((m) => decodeURIComponent(m[1]));
    expect(changed).toEqual(["server.js"]);
    expect(html).toContain("+// the candidate&#x27;s change");
    expect(html).not.toContain("Every file is shown as added");
  });

  it("collapses check.mjs in the file tree as generated", async () => {
    const response = await manager.get(`/scorecards/${invitationId}/code?attempt=1`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toMatch(/file=check\.mjs/);
    expect(html.replace(/<!-- -->/g, "")).toMatch(/check\.mjs \(generated\)/);
    expect(html).toMatch(/file=server\.js/);
  });
});
