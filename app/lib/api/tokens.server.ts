// API tokens: created by admins, shown once, stored as a SHA-256 hash. A token acts as the admin
// who created it (audit rows name them), limited to the token's scopes.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { API_SCOPES, TOKEN_EXPIRY_CHOICES } from "~/domain/api/scopes";
import { audit } from "../audit.server";
import { prisma } from "../db.server";
import { problems } from "./problem.server";

const TOKEN_PATTERN = /^hk_[A-Za-z0-9_-]{43}$/;
const DAY_MS = 86_400_000;

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function generateApiToken(): { token: string; tokenHash: string; prefix: string } {
  const token = `hk_${randomBytes(32).toString("base64url")}`;
  return { token, tokenHash: hashApiToken(token), prefix: token.slice(0, 11) };
}

export const CreateTokenForm = z.object({
  name: z.string({ error: "Enter a name" }).trim().min(1, "Enter a name").max(100, "Use at most 100 characters"),
  scopes: z.array(z.enum(API_SCOPES, { error: "Unknown scope" })).min(1, "Choose at least one scope"),
  expiresInDays: z.enum(TOKEN_EXPIRY_CHOICES, { error: "Choose an expiry" }),
});

export async function createApiToken(actorId: string, input: z.infer<typeof CreateTokenForm>, now = new Date()) {
  const { token, tokenHash, prefix } = generateApiToken();
  const expiresAt = input.expiresInDays === "never" ? null : new Date(now.getTime() + Number(input.expiresInDays) * DAY_MS);
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.apiToken.create({ data: { name: input.name, prefix, tokenHash, scopes: [...new Set(input.scopes)], expiresAt, createdById: actorId } });
    await audit(tx, { actorId, action: "api-token.create", entityType: "ApiToken", entityId: created.id, data: { name: input.name, scopes: created.scopes, expiresAt: expiresAt?.toISOString() ?? null } });
    return created;
  });
  return { token, id: row.id };
}

export async function listApiTokens() {
  return prisma.apiToken.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, scopes: true, expiresAt: true, lastUsedAt: true, revokedAt: true, createdAt: true, createdBy: { select: { email: true } } },
  });
}

export async function revokeApiToken(actorId: string, id: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const updated = await tx.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (updated.count === 0) return false;
    await audit(tx, { actorId, action: "api-token.revoke", entityType: "ApiToken", entityId: id });
    return true;
  });
}

export interface ApiPrincipal {
  tokenId: string;
  tokenName: string;
  scopes: string[];
  /** The admin who created the token; API changes are made and audited in their name. */
  actorId: string;
}

/** `Authorization: Bearer <token>`, or Basic with the token as user name (how Greenhouse sends a partner key). */
export function tokenFromHeader(header: string | null): string | null {
  if (!header) return null;
  const [scheme, value] = header.split(/\s+/, 2);
  if (!value) return null;
  if (scheme.toLowerCase() === "bearer") return value;
  if (scheme.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    return decoded.split(":")[0] ?? null;
  }
  return null;
}

export async function authenticate(request: Request, now = new Date()): Promise<ApiPrincipal> {
  const token = tokenFromHeader(request.headers.get("authorization"));
  if (!token) throw problems.unauthorized("Send an API token as `Authorization: Bearer <token>`.");
  if (!TOKEN_PATTERN.test(token)) throw problems.unauthorized("The API token is malformed.");
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: { id: true, name: true, scopes: true, expiresAt: true, revokedAt: true, createdById: true, createdBy: { select: { disabledAt: true } } },
  });
  if (!row) throw problems.unauthorized("The API token is not valid.");
  if (row.revokedAt) throw problems.unauthorized("The API token has been revoked.");
  if (row.expiresAt && row.expiresAt <= now) throw problems.unauthorized("The API token has expired.");
  if (row.createdBy.disabledAt) throw problems.unauthorized("The admin who created this API token has been disabled.");
  return { tokenId: row.id, tokenName: row.name, scopes: row.scopes, actorId: row.createdById };
}

/** Every use is audited (method, path, status) and stamps the token's last-used time. */
export async function recordTokenUse(principal: ApiPrincipal, use: { method: string; path: string; status: number }): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: principal.tokenId }, data: { lastUsedAt: new Date() } });
    await audit(tx, { actorId: principal.actorId, action: "api.request", entityType: "ApiToken", entityId: principal.tokenId, data: use });
  });
}
