import { describe, expect, it } from "vitest";
import { checkUrlShape, checkWebhookUrl, isPublicAddress, WebhookUrlError, type Lookup } from "./address-guard";

const policy = { allowHttp: false, allowedHosts: [] as string[] };
const resolvesTo =
  (...addresses: string[]): Lookup =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

describe("isPublicAddress", () => {
  it.each([
    "127.0.0.1",
    "127.5.6.7",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "64:ff9b::a00:1",
    "::7f00:1",
    "::a9fe:a9fe",
    "2002:7f00:1::",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",
    "64:ff9b:1::a00:1",
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:93.184.216.34"])("accepts %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it("refuses what is not an address", () => {
    expect(isPublicAddress("example.com")).toBe(false);
  });
});

describe("checkWebhookUrl", () => {
  it("needs https outside development, and no credentials", async () => {
    expect(() => checkUrlShape("http://example.com/hook", policy)).toThrow(/https/);
    expect(() => checkUrlShape("ftp://example.com/hook", { ...policy, allowHttp: true })).toThrow(/https/);
    expect(checkUrlShape("http://example.com/hook", { ...policy, allowHttp: true }).hostname).toBe("example.com");
    expect(() => checkUrlShape("https://user:pw@example.com/hook", policy)).toThrow(/password/);
    expect(() => checkUrlShape("not a url", policy)).toThrow(WebhookUrlError);
  });

  it("refuses literal private addresses and names that resolve to one, even among public answers", async () => {
    await expect(checkWebhookUrl("https://[::1]/hook", policy)).rejects.toThrow(/private, loopback or link-local/);
    await expect(checkWebhookUrl("https://169.254.169.254/latest", policy)).rejects.toThrow(/169\.254\.169\.254/);
    await expect(checkWebhookUrl("https://internal.example/hook", policy, resolvesTo("93.184.216.34", "10.0.0.8"))).rejects.toThrow(/10\.0\.0\.8/);
    await expect(checkWebhookUrl("https://nowhere.example/hook", policy, async () => [])).rejects.toThrow(/does not resolve/);
    const ok = await checkWebhookUrl("https://ats.example/hook", policy, resolvesTo("93.184.216.34"));
    expect(ok.toString()).toBe("https://ats.example/hook");
  });

  it("lets an admin allow a named host, over http too", async () => {
    const allowed = { allowHttp: false, allowedHosts: ["127.0.0.1", "ats.internal"] };
    expect((await checkWebhookUrl("http://127.0.0.1:8080/hook", allowed)).port).toBe("8080");
    expect((await checkWebhookUrl("https://ATS.internal/hook", allowed, resolvesTo("10.0.0.5"))).hostname).toBe("ats.internal");
    await expect(checkWebhookUrl("http://127.0.0.2/hook", allowed)).rejects.toThrow(WebhookUrlError);
  });
});
