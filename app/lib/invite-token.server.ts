import { createHash, randomBytes } from "node:crypto";

// 256 random bits, base64url: 43 characters that are safe in a URL path.
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function createInviteToken(): { token: string; tokenHash: string } {
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  return { token, tokenHash: hashInviteToken(token) };
}

/** Only this hash is stored, so a database leak does not hand out working links. */
export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function isWellFormedToken(token: string | undefined): token is string {
  return typeof token === "string" && TOKEN_PATTERN.test(token);
}

export function inviteLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/c/${token}`;
}
