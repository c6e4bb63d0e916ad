import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// The scheme Stripe uses, so receivers already know it: HMAC-SHA256 over "<unix seconds>.<body>",
// sent as `Hirekit-Signature: t=<unix seconds>,v1=<hex>`. The timestamp lets a receiver refuse
// replays of an old, captured delivery.
export const SIGNATURE_HEADER = "Hirekit-Signature";
export const DELIVERY_HEADER = "Hirekit-Delivery";
export const EVENT_HEADER = "Hirekit-Event";

export function createWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function signatureHex(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

export function signatureHeader(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${signatureHex(secret, timestamp, body)}`;
}

/** Checks a header against the body; a timestamp older than `toleranceSeconds` is refused. */
export function verifySignatureHeader(
  secret: string,
  body: string,
  header: string | null | undefined,
  options: { toleranceSeconds?: number; now?: number } = {},
): boolean {
  if (!header) return false;
  const parts = new Map<string, string[]>();
  for (const item of header.split(",")) {
    const [key, value] = item.split("=", 2).map((s) => s.trim());
    if (key && value) parts.set(key, [...(parts.get(key) ?? []), value]);
  }
  const timestamp = Number(parts.get("t")?.[0]);
  if (!Number.isInteger(timestamp)) return false;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signatureHex(secret, timestamp, body), "hex");
  return (parts.get("v1") ?? []).some((candidate) => {
    const given = Buffer.from(candidate, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
