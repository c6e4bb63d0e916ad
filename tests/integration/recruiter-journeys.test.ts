// Issue 12 from the server's side: organisation profile → new JD, duplicate invitations, extra
// time, the candidate's starter and unrunnable uploads, password change and reset links, and
// the audit log page. The browser side is tests/e2e/recruiter.e2e.ts.
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startAppServer, type AppServer } from "../support/app-server";
import { HttpSession } from "../support/http-session";
import { archiveForm, createInvite, FIXTURE_ASSESSMENTS_DIR, loginCookie, postMultipart, seedAssessment, seedUsers, tempDataDir, USERS, zipBytes } from "./candidate-fixtures";

let db: TestDatabase;
let app: AppServer;
let assessmentId: string;
let ids: Record<keyof typeof USERS, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  ids = await seedUsers(db.prisma);
  assessmentId = (await seedAssessment(db.prisma)).id;
  app = await startAppServer({ DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL!, DATA_DIR: await tempDataDir(), ASSESSMENTS_DIR: FIXTURE_ASSESSMENTS_DIR });
});

afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

async function signIn(who: keyof typeof USERS, password: string = USERS[who].password): Promise<HttpSession> {
  const session = new HttpSession(app.url);
  expect((await session.login(USERS[who].email, password)).status).toBe(302);
  return session;
}

const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function zipEntries(bytes: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, string>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            entries.set(entry.fileName, Buffer.concat(chunks).toString("utf8"));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(entries));
      zip.readEntry();
    });
  });
}

describe("organisation profile", () => {
  it("is edited by admins only, and new JDs start from it rather than from the last saved JD", async () => {
    const admin = await signIn("admin");
    const saved = await admin.post("/admin/profile", {
      companyName: "Fjord Systems",
      website: "https://fjord.example",
      about: "Fjord builds logistics software.",
      city: "Gdańsk",
      country: "pl",
      remotePolicy: "HYBRID",
      applyTo: "jobs@fjord.example",
      contactEmail: "talent@fjord.example",
      privacyNoticeUrl: "https://fjord.example/privacy",
    });
    expect(saved.status).toBe(200);
    expect((await (await signIn("recruiter")).get("/admin/profile")).status).toBe(403);

    const recruiter = await signIn("recruiter");
    const created = await recruiter.post("/jds/new", { level: "JUNIOR", roleTemplate: "backend-developer" });
    expect(created.status).toBe(302);
    const jdId = created.headers.get("location")!.split("/").at(-1)!;
    const version = await db.prisma.jobDescriptionVersion.findFirstOrThrow({ where: { jobDescriptionId: jdId } });
    expect(version.content).toMatchObject({
      company: { name: "Fjord Systems", website: "https://fjord.example" },
      aboutCompany: "Fjord builds logistics software.",
      location: { city: "Gdańsk", country: "PL", remotePolicy: "HYBRID" },
      applyTo: "jobs@fjord.example",
    });
    const composer = await (await recruiter.get(`/jds/${jdId}`)).text();
    expect(composer).toContain("Same as the organisation profile.");
  });

  it("takes a PNG logo, serves it publicly and refuses a file that is not an image", async () => {
    const cookie = await loginCookie(app.url, USERS.admin.email, USERS.admin.password);
    const png = Buffer.from(
      "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
      "hex",
    );
    const form = (file: Blob, name: string) => {
      const data = new FormData();
      for (const [key, value] of Object.entries({ companyName: "Fjord Systems", website: "https://fjord.example", remotePolicy: "HYBRID", country: "PL", applyTo: "jobs@fjord.example" })) {
        data.set(key, value);
      }
      data.set("logo", file, name);
      return data;
    };
    expect((await postMultipart(app.url, "/admin/profile", form(new Blob([png], { type: "image/png" }), "logo.png"), cookie)).status).toBe(200);
    const logo = await fetch(`${app.url}/organisation/logo`);
    expect(logo.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await logo.arrayBuffer()).equals(png)).toBe(true);
    const refused = await postMultipart(app.url, "/admin/profile", form(new Blob(["<svg/>"], { type: "image/png" }), "logo.png"), cookie);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("must be a PNG or JPEG image");
  });

  it("refuses a bad apply address with the reason", async () => {
    const response = await (await signIn("admin")).post("/admin/profile", { companyName: "X", remotePolicy: "REMOTE", applyTo: "not an address", country: "" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("must be a web address (https://…) or an e-mail address");
  });
});

describe("duplicate invitations", () => {
  it("warns on a single invite and creates it only when asked to invite again", async () => {
    const recruiter = await signIn("recruiter");
    const invite = { candidateName: "Dana Dup", candidateEmail: "dana@example.test", assessmentId, jobDescriptionId: "", deadline: future(5) };
    expect((await recruiter.post("/invitations/new", invite)).status).toBe(200);
    const again = await recruiter.post("/invitations/new", invite);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("dana@example.test already has an open invitation to this assessment");
    expect(await db.prisma.invitation.count({ where: { candidateEmail: "dana@example.test" } })).toBe(1);
    expect((await recruiter.post("/invitations/new", { ...invite, reinvite: "yes" })).status).toBe(200);
    expect(await db.prisma.invitation.count({ where: { candidateEmail: "dana@example.test" } })).toBe(2);
  });

  it("skips CSV rows of people with an open invitation, with the reason, unless re-inviting", async () => {
    const cookie = await loginCookie(app.url, USERS.recruiter.email, USERS.recruiter.password);
    const form = (reinvite: boolean) => {
      const data = new FormData();
      data.set("file", new Blob(["name,email\nDana Dup,dana@example.test\nNew Person,new.person@example.test\n"], { type: "text/csv" }), "people.csv");
      data.set("assessmentId", assessmentId);
      data.set("jobDescriptionId", "");
      data.set("deadline", future(10));
      if (reinvite) data.set("reinvite", "on");
      return data;
    };
    const first = await postMultipart(app.url, "/invitations/import", form(false), cookie);
    const html = await first.text();
    expect(first.status).toBe(200);
    expect(html).toContain("Line 2: dana@example.test already has an open invitation to this assessment");
    expect(await db.prisma.invitation.count({ where: { candidateEmail: "new.person@example.test" } })).toBe(1);
    expect(await db.prisma.invitation.count({ where: { candidateEmail: "dana@example.test" } })).toBe(2);
    await postMultipart(app.url, "/invitations/import", form(true), cookie);
    expect(await db.prisma.invitation.count({ where: { candidateEmail: "dana@example.test" } })).toBe(3);
  });
});

describe("accommodations", () => {
  it("lets a recruiter give one candidate extra minutes, which the candidate's clock shows", async () => {
    const { id, token } = await createInvite(db.prisma, { assessmentId, createdById: ids.recruiter });
    const recruiter = await signIn("recruiter");
    expect((await recruiter.post(`/invitations/${id}`, { intent: "extra-time", extraMinutes: "-5" })).status).toBe(400);
    expect((await recruiter.post(`/invitations/${id}`, { intent: "extra-time", extraMinutes: "45" })).status).toBe(200);
    const assessment = await db.prisma.assessment.findUniqueOrThrow({ where: { id: assessmentId } });
    const page = (await (await fetch(`${app.url}/c/${token}`)).text()).replaceAll("<!-- -->", "");
    expect(page).toContain(`${assessment.timeLimitMinutes + 45} minutes from when you press Start`);
    const history = await (await recruiter.get(`/invitations/${id}`)).text();
    expect(history).toContain("Extra time granted");
  });
});

describe("candidate starter and uploads", () => {
  it("ships the brief, the contract, a commented check.mjs and CHECK.md, and offers the contract alone", async () => {
    const { token } = await createInvite(db.prisma, { assessmentId, createdById: ids.recruiter });
    const response = await fetch(`${app.url}/c/${token}/starter`);
    expect(response.status).toBe(200);
    const entries = await zipEntries(Buffer.from(await response.arrayBuffer()));
    const names = [...entries.keys()].map((name) => name.split("/").slice(1).join("/"));
    expect(names).toEqual(expect.arrayContaining(["brief.md", "openapi.yaml", "check.mjs", "CHECK.md"]));
    const check = [...entries].find(([name]) => name.endsWith("/check.mjs"))![1];
    expect(check.slice(0, 600)).toMatch(/check\.mjs: the public contract tests[\s\S]*node check\.mjs http:\/\/localhost:\d+/);
    expect([...entries].find(([name]) => name.endsWith("/CHECK.md"))![1]).toContain("## Reading the output");
    // The brief in the starter carries the Limits generated from assessment.json, as the page does.
    expect([...entries].find(([name]) => name.endsWith("/brief.md"))![1]).toContain("## Limits");
    const contract = await fetch(`${app.url}/c/${token}/contract`);
    expect(contract.headers.get("content-disposition")).toContain("openapi.yaml");
    expect(await contract.text()).toMatch(/^openapi: 3/m);
  });

  it("refuses an archive that cannot run, says why, and keeps the attempt", async () => {
    const { id, token } = await createInvite(db.prisma, { assessmentId, createdById: ids.recruiter, startedAt: new Date() });
    const archive = await zipBytes({ "README.md": "notes only", "src/index.js": "console.log(1)" });
    const response = await postMultipart(app.url, `/c/${token}`, archiveForm(archive, "solution.zip"));
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain("This archive cannot run, so it was not submitted and no attempt was used");
    expect(html).toMatch(/no runnable project found/);
    expect(await db.prisma.submission.count({ where: { invitationId: id } })).toBe(0);
  });
});

describe("passwords", () => {
  it("changing my password needs the current one and ends my other sessions", async () => {
    const here = await signIn("manager");
    const elsewhere = await signIn("manager");
    const wrong = await here.post("/account/password", { currentPassword: "not-it-at-all", newPassword: "a-brand-new-passphrase", confirmPassword: "a-brand-new-passphrase" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("That is not your current password");
    const changed = await here.post("/account/password", { currentPassword: USERS.manager.password, newPassword: "a-brand-new-passphrase", confirmPassword: "a-brand-new-passphrase" });
    expect(changed.status).toBe(302);
    expect((await here.get("/dashboard")).status).toBe(200);
    expect((await elsewhere.get("/dashboard")).headers.get("location")).toMatch(/^\/login/);
    await signIn("manager", "a-brand-new-passphrase");
  });

  it("an admin's reset link works once and ends the user's sessions", async () => {
    const session = await signIn("recruiter");
    const admin = await signIn("admin");
    const created = await admin.post("/admin/users", { intent: "reset", userId: ids.recruiter });
    const link = (await created.text()).match(/http:\/\/localhost:\d+\/reset\/[A-Za-z0-9_-]+/)![0];
    const path = new URL(link).pathname;
    const anonymous = new HttpSession(app.url);
    expect((await anonymous.get(path)).status).toBe(200);
    expect((await anonymous.post(path, { newPassword: "reset-by-link-pass", confirmPassword: "reset-by-link-pass" })).headers.get("location")).toBe("/login?reset=1");
    expect((await anonymous.get(path)).status).toBe(404);
    expect(await (await anonymous.get("/login?reset=1")).text()).toContain("Your password is changed.");
    expect((await session.get("/dashboard")).headers.get("location")).toMatch(/^\/login/);
    await signIn("recruiter", "reset-by-link-pass");
    const stored = await db.prisma.passwordResetToken.findFirstOrThrow({ where: { userId: ids.recruiter } });
    expect(link).not.toContain(stored.tokenHash);
  });
});

describe("audit log page", () => {
  it("says who did what to what in words, with links", async () => {
    const html = await (await signIn("admin")).get("/admin/audit").then((r) => r.text());
    expect(html).toContain("Invitation created");
    expect(html).toContain("Organisation profile edited");
    expect(html).toMatch(/href="\/invitations\/[0-9a-f-]{36}"/);
    expect(html).not.toContain("invitation.create");
  });

  it("shows a refused page in plain words", async () => {
    const response = await (await signIn("manager", "a-brand-new-passphrase")).get("/admin/audit");
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain("You do not have access to this page");
    expect(html).not.toMatch(/audit:read/);
  });
});
