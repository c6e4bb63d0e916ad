// Shared set-up for the invitation and candidate integration tests: users, an Assessment row
// from the runner's fixture assessment, invitations with known tokens, and a logged-in cookie
// for multipart requests (HttpSession only sends URL-encoded forms).
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import yazl from "yazl";
import { loadAssessment } from "../../runner/assessment/load";
import { hashPassword } from "~/lib/password.server";
import { createInviteToken } from "~/lib/invite-token.server";
import type { PrismaClient } from "~/lib/db.server";

export const FIXTURE_ASSESSMENTS_DIR = "runner/fixtures";
export const FIXTURE_SLUG = "assessment";

export const USERS = {
  admin: { email: "admin@example.test", role: "ADMIN", password: "admin-password-1" },
  recruiter: { email: "recruiter@example.test", role: "RECRUITER", password: "recruiter-password-1" },
  manager: { email: "manager@example.test", role: "HIRING_MANAGER", password: "manager-password-1" },
} as const;

export async function seedUsers(prisma: PrismaClient): Promise<Record<keyof typeof USERS, string>> {
  const ids = {} as Record<keyof typeof USERS, string>;
  for (const [key, user] of Object.entries(USERS) as [keyof typeof USERS, (typeof USERS)[keyof typeof USERS]][]) {
    const row = await prisma.user.create({ data: { email: user.email, name: key, role: user.role, passwordHash: await hashPassword(user.password) } });
    ids[key] = row.id;
  }
  return ids;
}

export const HOSTILE_BRIEF = [
  "# Build the items API",
  "",
  "Use **JSON** everywhere.",
  "",
  "<script>window.__pwned = 1</script>",
  "",
  '<img src="x" onerror="window.__pwned = 2">',
  "",
  "[click me](javascript:window.__pwned=3)",
].join("\n");

export async function seedAssessment(prisma: PrismaClient, overrides: { id?: string; attemptLimit?: number; timeLimitMinutes?: number } = {}) {
  const loaded = await loadAssessment(path.join(FIXTURE_ASSESSMENTS_DIR, FIXTURE_SLUG));
  const id = overrides.id ?? loaded.config.id;
  return prisma.assessment.create({
    data: {
      id,
      slug: id === loaded.config.id ? FIXTURE_SLUG : id,
      title: loaded.config.title,
      level: "JUNIOR",
      version: loaded.config.version,
      timeLimitMinutes: overrides.timeLimitMinutes ?? loaded.config.timeLimitMinutes,
      attemptLimit: overrides.attemptLimit ?? loaded.config.attemptLimit,
      port: loaded.config.port,
      readinessPath: loaded.config.readinessPath,
      competencyWeights: loaded.config.competencyWeights,
      limits: loaded.config.limits,
      brief: HOSTILE_BRIEF,
      openapi: loaded.openapiText,
      contentHash: loaded.contentHash,
    },
  });
}

export async function createInvite(
  prisma: PrismaClient,
  data: { assessmentId: string; createdById: string; startedAt?: Date | null; deadline?: Date; revokedAt?: Date | null; name?: string },
): Promise<{ id: string; token: string }> {
  const { token, tokenHash } = createInviteToken();
  const row = await prisma.invitation.create({
    data: {
      tokenHash,
      candidateName: data.name ?? "Casey Candidate",
      candidateEmail: `${Math.random().toString(36).slice(2)}@example.test`,
      assessmentId: data.assessmentId,
      createdById: data.createdById,
      deadline: data.deadline ?? new Date(Date.now() + 7 * 86_400_000),
      startedAt: data.startedAt ?? null,
      revokedAt: data.revokedAt ?? null,
    },
  });
  return { id: row.id, token };
}

export async function tempDataDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "hirekit-candidate-"));
}

export function zipBytes(files: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}

/** Logs in with fetch and returns the Cookie header value. */
export async function loginCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password }),
    headers: { Origin: baseUrl },
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith("hirekit_session="));
  if (!cookie) throw new Error(`login as ${email} failed with ${response.status}`);
  return cookie.split(";")[0];
}

export function postMultipart(baseUrl: string, pathname: string, form: FormData, cookie?: string): Promise<Response> {
  return fetch(`${baseUrl}${pathname}`, {
    method: "POST",
    body: form,
    headers: { Origin: baseUrl, ...(cookie ? { Cookie: cookie } : {}) },
    redirect: "manual",
  });
}

export function archiveForm(bytes: Uint8Array, filename: string): FormData {
  const form = new FormData();
  form.set("archive", new Blob([new Uint8Array(bytes)]), filename);
  return form;
}
