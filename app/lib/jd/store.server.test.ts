import { beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "../../../tests/support/database";
import { allItems, sectionOf, type JdDocument } from "~/domain/jd/document";
import { describeChange } from "~/domain/jd/diff";
import { seedCatalog } from "../catalog-seed.server";
import { updateCatalogItem } from "../catalog.server";
import { formValues } from "./composer-form";
import { composerAction } from "./composer.server";
import {
  createJdFromPreset,
  diffVersions,
  getJd,
  getPublishedJob,
  listPublishedJobs,
  listVersions,
  restoreVersion,
  saveJdVersion,
  setJdStatus,
} from "./store.server";
import { HttpError } from "../http-error";

const db = withTestDatabase();
let recruiter: string;
let colleague: string;

beforeAll(async () => {
  await seedCatalog(db.current.prisma);
  const users = await Promise.all(
    [
      ["rita@example.test", "Rita Recruiter"],
      ["colin@example.test", "Colin Colleague"],
    ].map(([email, name]) => db.current.prisma.user.create({ data: { email: email!, name: name!, role: "RECRUITER", passwordHash: "x" } })),
  );
  [recruiter, colleague] = users.map((u) => u.id) as [string, string];
});

function publishable(doc: JdDocument): JdDocument {
  return {
    ...doc,
    company: { name: "Northwind Labs", website: "https://northwind.example" },
    location: { ...doc.location, remotePolicy: "REMOTE", applicantCountries: ["PL", "DE"] },
    salary: { min: 60000, max: 80000, currency: "EUR", period: "YEAR" },
    validThrough: "2099-12-31",
    applyTo: "jobs@northwind.example",
  };
}

async function expectJdError(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

function form(doc: JdDocument, baseVersion: number, extra: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries({ ...formValues(doc), baseVersion: String(baseVersion), ...extra })) data.set(name, value);
  return data;
}

describe("job description store", () => {
  it("creates drafts from a level preset with unique slugs and an audit entry", async () => {
    const first = await createJdFromPreset(recruiter, { level: "JUNIOR" });
    const second = await createJdFromPreset(recruiter, { level: "JUNIOR" });
    const a = await getJd(first.id);
    const b = await getJd(second.id);
    expect(a.jd).toMatchObject({ slug: "junior-backend-developer", status: "DRAFT", currentVersion: 1, level: "JUNIOR" });
    expect(b.jd.slug).toBe("junior-backend-developer-2");
    expect(b.version.content.seo.slug).toBe("junior-backend-developer-2");
    expect(a.version.note).toBe("Created from the junior preset");
    expect(sectionOf(a.version.content, "REQUIRED_SKILL")!.items.length).toBe(7);
    expect(await db.current.prisma.auditLog.count({ where: { action: "jd.create", entityId: first.id } })).toBe(1);
  });

  it("saves versions, lists the history, diffs and restores", async () => {
    const { id } = await createJdFromPreset(recruiter, { level: "SENIOR" });
    const v1 = (await getJd(id)).version.content;
    const firstItem = sectionOf(v1, "RESPONSIBILITY")!.items[0]!;
    const edited: JdDocument = {
      ...v1,
      title: "Senior Backend Engineer",
      sections: v1.sections.map((s) => (s.kind === "RESPONSIBILITY" ? { ...s, items: s.items.slice(1) } : s)),
    };
    expect(await saveJdVersion(recruiter, id, edited, { baseVersion: 1, note: "Shorter list" })).toEqual({ number: 2 });
    expect((await getJd(id)).jd).toMatchObject({ title: "Senior Backend Engineer", currentVersion: 2 });

    const history = await listVersions(id);
    expect(history.map((v) => [v.number, v.note, v.createdBy.name])).toEqual([
      [2, "Shorter list", "Rita Recruiter"],
      [1, "Created from the senior preset", "Rita Recruiter"],
    ]);
    expect((await diffVersions(id, 1, 2)).map(describeChange)).toEqual([
      "Title: “Senior Backend Developer” → “Senior Backend Engineer”",
      `What you will do: removed “${firstItem.text}”`,
    ]);

    expect(await restoreVersion(colleague, id, 1)).toEqual({ number: 3 });
    const restored = await getJd(id);
    expect(restored.version.content).toEqual(v1);
    expect(restored.version.note).toBe("Restored version 1");
    expect(restored.jd.title).toBe("Senior Backend Developer");
    expect(await db.current.prisma.auditLog.count({ where: { entityId: id, action: { in: ["jd.save", "jd.restore"] } } })).toBe(3);
  });

  it("refuses a save based on an older version and names who saved in between", async () => {
    const { id } = await createJdFromPreset(recruiter, { level: "INTERMEDIATE" });
    const doc = (await getJd(id)).version.content;
    await saveJdVersion(colleague, id, { ...doc, team: "Payments" }, { baseVersion: 1 });
    const error = await expectJdError(saveJdVersion(recruiter, id, { ...doc, team: "Search" }, { baseVersion: 1 }));
    expect(error.status).toBe(409);
    expect(error.message).toContain("Colin Colleague saved version 2 while you were editing version 1");
    expect((await getJd(id)).jd.currentVersion).toBe(2);
  });

  it("names invalid fields and a slug another JD uses", async () => {
    const { id } = await createJdFromPreset(recruiter, { level: "INTERMEDIATE" });
    const doc = (await getJd(id)).version.content;
    const invalid = await expectJdError(
      saveJdVersion(recruiter, id, { ...doc, title: "", salary: { min: 90000, max: 50000, currency: "EUR", period: "YEAR" } }, { baseVersion: 1 }),
    );
    expect(invalid.fieldErrors).toMatchObject({ title: "is required", "salary.max": "the minimum must not exceed the maximum" });
    const clash = await expectJdError(saveJdVersion(recruiter, id, { ...doc, seo: { ...doc.seo, slug: "junior-backend-developer" } }, { baseVersion: 1 }));
    expect(clash.fieldErrors["seo.slug"]).toBe("is already used by “Junior Backend Developer”; choose another");
  });

  it("publishes only valid postings, serves them publicly, and withdraws archived ones", async () => {
    const { id } = await createJdFromPreset(recruiter, { level: "SENIOR" });
    const { jd, version } = await getJd(id);
    const refused = await expectJdError(setJdStatus(recruiter, id, "PUBLISHED"));
    expect(refused.details).toEqual(
      expect.arrayContaining([
        "Add where candidates apply: a URL or an email.",
        "Closing date: set the date applications close",
        "Salary: add a salary range",
      ]),
    );

    await saveJdVersion(recruiter, id, publishable(version.content), { baseVersion: 1 });
    await setJdStatus(recruiter, id, "PUBLISHED");
    const job = await getPublishedJob(jd.slug);
    expect(job?.posting).toMatchObject({ title: "Senior Backend Developer", jobLocationType: "TELECOMMUTE", url: `http://127.0.0.1:3000/jobs/${jd.slug}` });
    expect((await listPublishedJobs()).map((j) => j.slug)).toContain(jd.slug);

    // Saving a published JD updates the live posting at once, careers list included.
    const edited = publishable(version.content);
    await saveJdVersion(recruiter, id, { ...edited, seo: { ...edited.seo, metaDescription: "Build routing APIs with us." } }, { baseVersion: 2 });
    expect((await listPublishedJobs()).find((j) => j.slug === jd.slug)?.doc.seo.metaDescription).toBe("Build routing APIs with us.");

    const broken = await expectJdError(saveJdVersion(recruiter, id, { ...publishable(version.content), salary: null }, { baseVersion: 3 }));
    expect(broken.details).toEqual(["Salary: add a salary range"]);

    await setJdStatus(recruiter, id, "ARCHIVED");
    expect(await getPublishedJob(jd.slug)).toBeNull();
    expect((await listPublishedJobs()).map((j) => j.slug)).not.toContain(jd.slug);
    expect(await db.current.prisma.auditLog.count({ where: { entityId: id, action: "jd.status" } })).toBe(2);
  });

  it("keeps a JD's text when the catalog item it came from is edited", async () => {
    const { id } = await createJdFromPreset(recruiter, { level: "JUNIOR" });
    const item = allItems((await getJd(id)).version.content)[0]!;
    const catalogItem = await db.current.prisma.catalogItem.findUniqueOrThrow({ where: { id: item.source!.catalogItemId } });
    await updateCatalogItem(recruiter, catalogItem.id, { text: "Rewritten by an admin", kind: catalogItem.kind, competencyId: catalogItem.competencyId as "api-design", levels: catalogItem.levels });
    expect(allItems((await getJd(id)).version.content)[0]!.text).toBe(item.text);
  });
});

describe("composer round trips", () => {
  it("applies button actions to the working copy without saving, then saves it", async () => {
    const { id } = await createJdFromPreset(recruiter, { level: "JUNIOR" });
    const doc = (await getJd(id)).version.content;
    const [first, second] = sectionOf(doc, "RESPONSIBILITY")!.items;

    let result = await composerAction(recruiter, id, form(doc, 1, { intent: `move-down:${first!.id}`, title: "Junior Backend Engineer" }));
    if (result.kind !== "draft") throw new Error("expected a draft");
    expect(sectionOf(result.doc, "RESPONSIBILITY")!.items.slice(0, 2).map((i) => i.id)).toEqual([second!.id, first!.id]);
    expect(result.doc.title).toBe("Junior Backend Engineer");

    result = await composerAction(recruiter, id, form(result.doc, 1, { intent: "add-custom:NICE_TO_HAVE", "custom.NICE_TO_HAVE": "Payments experience", "customCompetency.NICE_TO_HAVE": "api-design" }));
    if (result.kind !== "draft") throw new Error("expected a draft");
    expect(sectionOf(result.doc, "NICE_TO_HAVE")!.items.at(-1)).toMatchObject({ text: "Payments experience", competencyId: "api-design", source: null });

    const mesh = await db.current.prisma.catalogItem.findUniqueOrThrow({ where: { sourceKey: "nice.containers-microservices.service-mesh" } });
    result = await composerAction(recruiter, id, form(result.doc, 1, { intent: "add-catalog:NICE_TO_HAVE", "catalog.NICE_TO_HAVE": mesh.id }));
    if (result.kind !== "draft") throw new Error("expected a draft");
    expect(sectionOf(result.doc, "NICE_TO_HAVE")!.items.at(-1)?.source?.sourceKey).toBe("nice.containers-microservices.service-mesh");

    result = await composerAction(recruiter, id, form(result.doc, 1, { intent: `remove:${second!.id}`, [`item.${first!.id}`]: "Edited inline" }));
    if (result.kind !== "draft") throw new Error("expected a draft");
    expect(sectionOf(result.doc, "RESPONSIBILITY")!.items[0]).toMatchObject({ id: first!.id, text: "Edited inline" });
    expect((await getJd(id)).jd.currentVersion).toBe(1);

    const invalid = await composerAction(recruiter, id, form(result.doc, 1, { intent: "save", "salary.min": "lots", "salary.max": "90000" }));
    expect(invalid).toMatchObject({ kind: "draft", errors: { "salary.min": "must be a number" } });

    const saved = await composerAction(recruiter, id, form(result.doc, 1, { intent: "save", note: "Reordered", "salary.min": "45 000", "salary.max": "55,000" }));
    expect(saved).toEqual({ kind: "saved", number: 2 });
    const content = (await getJd(id)).version.content;
    expect(content.salary).toEqual({ min: 45000, max: 55000, currency: "EUR", period: "YEAR" });
    expect(content.title).toBe("Junior Backend Engineer");
  });

  it("suggests SEO fields and reports a stale base version without losing the draft", async () => {
    const { id } = await createJdFromPreset(recruiter, { level: "INTERMEDIATE" });
    const doc = (await getJd(id)).version.content;
    const suggested = await composerAction(recruiter, id, form(doc, 1, { intent: "suggest-seo", "location.city": "Gdańsk", "location.remotePolicy": "HYBRID" }));
    expect(suggested.kind === "draft" && suggested.doc.seo.slug).toBe("backend-developer-gdansk");

    await saveJdVersion(colleague, id, doc, { baseVersion: 1 });
    const stale = await composerAction(recruiter, id, form(doc, 1, { intent: "save", team: "Search" }));
    expect(stale).toMatchObject({ kind: "draft", baseVersion: 2, doc: { team: "Search" } });
    expect(stale.kind === "draft" && stale.errors.form).toContain("Colin Colleague saved version 2");
    expect(await composerAction(recruiter, id, form(doc, 2, { intent: "save", team: "Search" }))).toEqual({ kind: "saved", number: 3 });
  });
});
