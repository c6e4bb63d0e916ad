import { describe, expect, it } from "vitest";
import { checkCsrf, contentSecurityPolicy, securityHeaders } from "./security";

const SITE = "https://hire.example.com";

describe("checkCsrf", () => {
  it("lets safe methods through without an origin", () => {
    expect(checkCsrf("GET", {}, [SITE])).toEqual({ ok: true });
    expect(checkCsrf("HEAD", {}, [SITE])).toEqual({ ok: true });
  });

  it("accepts same-origin POSTs by Origin or, failing that, by Referer", () => {
    expect(checkCsrf("POST", { origin: SITE }, [SITE]).ok).toBe(true);
    expect(checkCsrf("DELETE", { referer: `${SITE}/jds/1` }, [SITE]).ok).toBe(true);
  });

  it("refuses foreign, opaque and missing origins with a reason", () => {
    expect(checkCsrf("POST", { origin: "https://evil.example" }, [SITE])).toEqual({
      ok: false,
      reason: "the request comes from https://evil.example, not from this site",
    });
    expect(checkCsrf("POST", { origin: "null" }, [SITE]).ok).toBe(false);
    expect(checkCsrf("PUT", {}, [SITE])).toEqual({ ok: false, reason: "the request has neither an Origin nor a Referer header" });
    expect(checkCsrf("POST", { referer: "not a url" }, [SITE]).ok).toBe(false);
  });
});

describe("security headers", () => {
  it("forbids framing and inline scripts without the nonce in production", () => {
    const csp = contentSecurityPolicy("abc", { dev: false });
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self' 'nonce-abc'");
    expect(csp).not.toContain("unsafe-inline' ;");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it("adds HSTS only for https sites", () => {
    expect(securityHeaders("n", { dev: false, https: true })["Strict-Transport-Security"]).toMatch(/max-age=/);
    expect(securityHeaders("n", { dev: false, https: false })["Strict-Transport-Security"]).toBeUndefined();
  });
});
