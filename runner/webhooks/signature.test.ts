import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signatureHeader, verifySignatureHeader } from "./signature";

describe("webhook signatures", () => {
  const secret = "whsec_test";
  const body = JSON.stringify({ id: "d1", event: "submission.graded", data: { score: 0.5 } });

  it("is t=<unix>,v1=<hex HMAC-SHA256 of 't.body'>", () => {
    const header = signatureHeader(secret, body, 1_700_000_000);
    const expected = createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex");
    expect(header).toBe(`t=1700000000,v1=${expected}`);
  });

  it("verifies, and refuses another body, another secret or an old timestamp", () => {
    const now = 1_700_000_000;
    const header = signatureHeader(secret, body, now);
    expect(verifySignatureHeader(secret, body, header, { now })).toBe(true);
    expect(verifySignatureHeader(secret, body + " ", header, { now })).toBe(false);
    expect(verifySignatureHeader("whsec_other", body, header, { now })).toBe(false);
    expect(verifySignatureHeader(secret, body, header, { now: now + 301 })).toBe(false);
    expect(verifySignatureHeader(secret, body, "t=abc,v1=00", { now })).toBe(false);
    expect(verifySignatureHeader(secret, body, null, { now })).toBe(false);
  });
});
