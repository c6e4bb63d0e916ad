import type { JobStatus, Level, Prisma } from "~/generated/prisma/client";
import { LEVEL_LABELS } from "~/domain/catalog/levels";
import { diffDocuments, type JdChange } from "~/domain/jd/diff";
import { jdDocumentSchema, parseJdDocument, type JdDocument } from "~/domain/jd/document";
import { jobPostingFor, publishingProblems, serializeJsonLd, type JobPosting } from "~/domain/jd/json-ld";
import { toView, type JdView } from "~/domain/jd/view";
import { buildPreset } from "~/domain/jd/preset";
import { startFromProfile } from "~/domain/jd/organisation";
import { roleTemplate } from "~/domain/jd/role-templates";
import { audit } from "../audit.server";
import { loadCatalogSource } from "../catalog-source.server";
import { loadCatalog } from "../catalog.server";
import { getConfig } from "../config.server";
import { prisma } from "../db.server";
import { issuesToFields } from "./composer-form";
import { getOrganisationProfile } from "./organisation.server";
import { HttpError } from "../http-error";

// Job descriptions in the database: every explicit save is a new JobDescriptionVersion row
// holding the whole document; the JobDescription row mirrors the fields lists and the public
// page need (title, level, slug, status, assessment, closing date) and points at the current
// version.

type Tx = Prisma.TransactionClient;

export async function listJds(filter: { status?: JobStatus } = {}) {
  return prisma.jobDescription.findMany({
    where: filter.status ? { status: filter.status } : {},
    orderBy: { updatedAt: "desc" },
    select: {
      id: true,
      slug: true,
      title: true,
      level: true,
      status: true,
      currentVersion: true,
      updatedAt: true,
      publishedAt: true,
      createdBy: { select: { name: true } },
    },
  });
}

async function uniqueSlug(tx: Tx, base: string, exceptId?: string): Promise<string> {
  const taken = new Set(
    (await tx.jobDescription.findMany({ where: { slug: { startsWith: base } }, select: { slug: true, id: true } }))
      .filter((row) => row.id !== exceptId)
      .map((row) => row.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * A new draft from the level preset, with company, location and apply details from the
 * organisation profile (never from another JD, whose text belongs to another team).
 */
export async function createJdFromPreset(actorId: string, input: { level: Level; roleTemplate?: string }): Promise<{ id: string }> {
  const template = roleTemplate(input.roleTemplate ?? "backend-developer");
  const [{ items }, profile] = await Promise.all([loadCatalog(), getOrganisationProfile()]);
  let doc = startFromProfile(
    buildPreset({ level: input.level, template, catalogItems: items, catalogKeywords: loadCatalogSource().seo.keywords }),
    profile,
  );
  return prisma.$transaction(async (tx) => {
    const slug = await uniqueSlug(tx, doc.seo.slug);
    doc = { ...doc, seo: { ...doc.seo, slug } };
    const jd = await tx.jobDescription.create({
      data: { slug, title: doc.title, level: doc.level, status: "DRAFT", currentVersion: 1, createdById: actorId },
      select: { id: true },
    });
    await tx.jobDescriptionVersion.create({
      data: { jobDescriptionId: jd.id, number: 1, content: doc, note: `Created from the ${LEVEL_LABELS[doc.level].toLowerCase()} preset`, createdById: actorId },
    });
    await audit(tx, { actorId, action: "jd.create", entityType: "JobDescription", entityId: jd.id, data: { level: doc.level, template: template.id, slug } });
    return jd;
  });
}

export async function getJd(id: string, versionNumber?: number) {
  const jd = await prisma.jobDescription.findUnique({
    where: { id },
    select: {
      id: true,
      slug: true,
      title: true,
      level: true,
      status: true,
      currentVersion: true,
      publishedAt: true,
      validThrough: true,
      updatedAt: true,
      createdBy: { select: { name: true } },
    },
  });
  if (!jd) throw new HttpError("There is no such job description.", 404);
  const number = versionNumber ?? jd.currentVersion;
  const version = await prisma.jobDescriptionVersion.findUnique({
    where: { jobDescriptionId_number: { jobDescriptionId: id, number } },
    select: { number: true, content: true, note: true, createdAt: true, createdBy: { select: { name: true } } },
  });
  if (!version) throw new HttpError(`This job description has no version ${number}.`, 404);
  return { jd, version: { ...version, content: parseJdDocument(version.content) } };
}

export async function listVersions(id: string) {
  return prisma.jobDescriptionVersion.findMany({
    where: { jobDescriptionId: id },
    orderBy: { number: "desc" },
    select: { number: true, note: true, createdAt: true, createdBy: { select: { name: true } } },
  });
}

export async function diffVersions(id: string, from: number, to: number): Promise<JdChange[]> {
  const [a, b] = await Promise.all([getJd(id, from), getJd(id, to)]);
  return diffDocuments(a.version.content, b.version.content);
}

export function publicUrl(slug: string): string {
  return `${getConfig().PUBLIC_URL.replace(/\/$/, "")}/jobs/${slug}`;
}

async function checkReferences(tx: Tx, id: string, doc: JdDocument): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  const clash = await tx.jobDescription.findUnique({ where: { slug: doc.seo.slug }, select: { id: true, title: true } });
  if (clash && clash.id !== id) errors["seo.slug"] = `is already used by “${clash.title}”; choose another`;
  if (doc.assessmentId) {
    const assessment = await tx.assessment.findUnique({ where: { id: doc.assessmentId }, select: { id: true } });
    if (!assessment) errors.assessmentId = "that assessment no longer exists";
  }
  return errors;
}

function postingErrors(doc: JdDocument, datePosted: Date, slug: string, id: string): string[] {
  return publishingProblems(doc, { datePosted: datePosted.toISOString(), url: publicUrl(slug), identifier: id });
}

/**
 * Saves `input` as the next version. `baseVersion` is the version the editor started from: if
 * someone saved in between, the save is refused with a message naming them, and the editor can
 * save again on purpose.
 */
export async function saveJdVersion(
  actorId: string,
  id: string,
  input: unknown,
  options: { baseVersion: number; note?: string },
): Promise<{ number: number }> {
  const parsed = jdDocumentSchema.safeParse(input);
  if (!parsed.success) {
    throw new HttpError("The job description has errors; fix the highlighted fields.", 400, issuesToFields(parsed.error.issues, input));
  }
  const doc = parsed.data;
  const saved = await prisma.$transaction(async (tx) => {
    // Serializes saves of one JD, so two editors cannot both write version n + 1.
    const [row] = await tx.$queryRaw<{ currentVersion: number; status: JobStatus; publishedAt: Date | null }[]>`
      SELECT "currentVersion", "status", "publishedAt" FROM "JobDescription" WHERE "id" = ${id} FOR UPDATE`;
    if (!row) throw new HttpError("There is no such job description.", 404);
    if (row.currentVersion !== options.baseVersion) {
      const latest = await tx.jobDescriptionVersion.findUnique({
        where: { jobDescriptionId_number: { jobDescriptionId: id, number: row.currentVersion } },
        select: { createdBy: { select: { name: true } } },
      });
      throw new HttpError(
        `${latest?.createdBy.name ?? "Someone"} saved version ${row.currentVersion} while you were editing version ${options.baseVersion}. Your changes are still here: save again to make them version ${row.currentVersion + 1}, or open the history to compare first.`,
        409,
      );
    }
    const fieldErrors = await checkReferences(tx, id, doc);
    if (Object.keys(fieldErrors).length > 0) throw new HttpError("The job description has errors; fix the highlighted fields.", 400, fieldErrors);
    if (row.status === "PUBLISHED") {
      const errors = postingErrors(doc, row.publishedAt ?? new Date(), doc.seo.slug, id);
      if (errors.length > 0) {
        throw new HttpError("This job is published, and the change would leave the live posting incomplete:", 400, {}, errors);
      }
    }
    const number = row.currentVersion + 1;
    await tx.jobDescriptionVersion.create({
      data: { jobDescriptionId: id, number, content: doc, note: options.note?.trim() || null, createdById: actorId },
    });
    await tx.jobDescription.update({
      where: { id },
      data: {
        currentVersion: number,
        title: doc.title,
        level: doc.level,
        slug: doc.seo.slug,
        assessmentId: doc.assessmentId,
        validThrough: doc.validThrough ? new Date(`${doc.validThrough}T23:59:59Z`) : null,
      },
    });
    await audit(tx, { actorId, action: "jd.save", entityType: "JobDescription", entityId: id, data: { version: number, note: options.note ?? null } });
    return { number };
  });
  clearPublicJobCache();
  return saved;
}

export async function restoreVersion(actorId: string, id: string, number: number): Promise<{ number: number }> {
  const [{ jd }, { version }] = await Promise.all([getJd(id), getJd(id, number)]);
  const saved = await saveJdVersion(actorId, id, version.content, { baseVersion: jd.currentVersion, note: `Restored version ${number}` });
  await audit(prisma, { actorId, action: "jd.restore", entityType: "JobDescription", entityId: id, data: { from: number, to: saved.number } });
  return saved;
}

/** Publishing checks the current version's JobPosting data and refuses with every reason. */
export async function setJdStatus(actorId: string, id: string, status: JobStatus): Promise<void> {
  const { jd, version } = await getJd(id);
  if (jd.status === status) return;
  const now = new Date();
  if (status === "PUBLISHED") {
    const errors = postingErrors(version.content, now, jd.slug, id);
    if (errors.length > 0) throw new HttpError("This job description cannot be published yet:", 409, {}, errors);
  }
  await prisma.$transaction(async (tx) => {
    await tx.jobDescription.update({
      where: { id },
      data: { status, ...(status === "PUBLISHED" ? { publishedAt: now } : {}) },
    });
    await audit(tx, { actorId, action: "jd.status", entityType: "JobDescription", entityId: id, data: { from: jd.status, to: status, version: jd.currentVersion } });
  });
  clearPublicJobCache();
}

// Public pages are read far more often than JDs change. Each process keeps what it served for
// a few seconds; this process's own saves and status changes clear it at once, and other
// replicas catch up within the TTL.
const PUBLIC_CACHE_TTL_MS = 5_000;
const publicCache = new Map<string, { expires: number; value: unknown }>();

async function cachedPublic<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = publicCache.get(key);
  if (hit && hit.expires > Date.now()) return hit.value as T;
  const value = await load();
  publicCache.set(key, { expires: Date.now() + PUBLIC_CACHE_TTL_MS, value });
  return value;
}

export function clearPublicJobCache(): void {
  publicCache.clear();
}

export interface PublishedJob {
  id: string;
  slug: string;
  doc: JdDocument;
  view: JdView;
  publishedAt: Date;
  closed: boolean;
  posting: JobPosting | null;
  /** The posting serialized for a script tag, prepared once per cache fill. */
  jsonLd: string | null;
  url: string;
}

export async function getPublishedJob(slug: string): Promise<PublishedJob | null> {
  return cachedPublic(`job:${slug}`, () => loadPublishedJob(slug, new Date()));
}

async function loadPublishedJob(slug: string, now: Date): Promise<PublishedJob | null> {
  const jd = await prisma.jobDescription.findUnique({
    where: { slug },
    select: { id: true, slug: true, status: true, currentVersion: true, publishedAt: true, validThrough: true },
  });
  if (!jd || jd.status !== "PUBLISHED" || !jd.publishedAt) return null;
  const version = await prisma.jobDescriptionVersion.findUnique({
    where: { jobDescriptionId_number: { jobDescriptionId: jd.id, number: jd.currentVersion } },
    select: { content: true },
  });
  if (!version) return null;
  const doc = parseJdDocument(version.content);
  const closed = jd.validThrough !== null && jd.validThrough < now;
  const url = publicUrl(jd.slug);
  const result = jobPostingFor(doc, { datePosted: jd.publishedAt.toISOString(), url, identifier: jd.id });
  // An expired posting is still readable, but its structured data is withdrawn.
  const posting = !closed && result.ok ? result.posting : null;
  return { id: jd.id, slug: jd.slug, doc, view: toView(doc), publishedAt: jd.publishedAt, closed, posting, jsonLd: posting ? serializeJsonLd(posting) : null, url };
}

export async function listPublishedJobs() {
  return cachedPublic("index", () => loadPublishedJobs(new Date()));
}

async function loadPublishedJobs(now: Date) {
  const jds = await prisma.jobDescription.findMany({
    where: { status: "PUBLISHED", OR: [{ validThrough: null }, { validThrough: { gte: now } }] },
    orderBy: { publishedAt: "desc" },
    select: { id: true, slug: true, currentVersion: true, publishedAt: true },
  });
  if (jds.length === 0) return [];
  const versions = await prisma.jobDescriptionVersion.findMany({
    where: { OR: jds.map((jd) => ({ jobDescriptionId: jd.id, number: jd.currentVersion })) },
    select: { jobDescriptionId: true, content: true },
  });
  const content = new Map(versions.map((v) => [v.jobDescriptionId, parseJdDocument(v.content)]));
  return jds.flatMap((jd) => {
    const doc = content.get(jd.id);
    return doc ? [{ slug: jd.slug, publishedAt: jd.publishedAt, doc }] : [];
  });
}

export async function listAssessmentsForJd() {
  return prisma.assessment.findMany({ where: { active: true }, orderBy: [{ level: "asc" }, { title: "asc" }], select: { id: true, title: true, level: true } });
}
