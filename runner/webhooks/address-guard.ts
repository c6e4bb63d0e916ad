import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";

// Addresses a webhook must never reach: loopback, private, link-local (cloud metadata lives at
// 169.254.169.254), carrier-grade NAT, multicast, reserved and unspecified ranges. BlockList
// also matches IPv4-mapped IPv6 forms (::ffff:127.0.0.1) against the IPv4 rules.
const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(network, prefix, "ipv4");
}
// The IPv6 forms that embed an IPv4 address (IPv4-compatible ::/96, 6to4, Teredo, NAT64) are
// blocked whole: whether a host routes them is its own business, and no webhook receiver needs them.
for (const [network, prefix] of [
  ["::", 96],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["2001::", 32],
  ["2002::", 16],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
}

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

export class WebhookUrlError extends Error {}

export interface UrlPolicy {
  /** Plain http is accepted only in development (and for allowed hosts). */
  allowHttp: boolean;
  /** Host names (or literal addresses) an admin allowed despite resolving to private addresses. */
  allowedHosts: readonly string[];
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
}

export function isAllowedHost(url: URL, policy: UrlPolicy): boolean {
  const host = hostOf(url);
  return policy.allowedHosts.some((allowed) => allowed.toLowerCase() === host);
}

/** The checks that need no DNS: scheme, credentials, and literal private addresses. */
export function checkUrlShape(raw: string, policy: UrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlError("The URL is not a valid absolute URL.");
  }
  const allowed = isAllowedHost(url, policy);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && (policy.allowHttp || allowed))) {
    throw new WebhookUrlError("The URL must use https.");
  }
  if (url.username || url.password) throw new WebhookUrlError("The URL must not carry a user name or password.");
  const host = hostOf(url);
  if (!allowed && isIP(host) !== 0 && !isPublicAddress(host)) {
    throw new WebhookUrlError(`The URL points at ${host}, a private, loopback or link-local address.`);
  }
  return url;
}

export type Lookup = (hostname: string) => Promise<LookupAddress[]>;

export const systemLookup: Lookup = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/** Every address the name resolves to must be public: one private answer refuses the URL. */
export async function resolvePublicAddresses(hostname: string, lookup: Lookup = systemLookup): Promise<LookupAddress[]> {
  let addresses: LookupAddress[];
  try {
    addresses = await lookup(hostname);
  } catch (error) {
    throw new WebhookUrlError(`The host ${hostname} does not resolve (${(error as Error).message}).`);
  }
  if (addresses.length === 0) throw new WebhookUrlError(`The host ${hostname} does not resolve.`);
  const bad = addresses.find((entry) => !isPublicAddress(entry.address));
  if (bad) throw new WebhookUrlError(`The host ${hostname} resolves to ${bad.address}, a private, loopback or link-local address.`);
  return addresses;
}

/** Validation at subscription time; deliveries check again at connect time (DNS may change). */
export async function checkWebhookUrl(raw: string, policy: UrlPolicy, lookup: Lookup = systemLookup): Promise<URL> {
  const url = checkUrlShape(raw, policy);
  const host = hostOf(url);
  if (!isAllowedHost(url, policy) && isIP(host) === 0) await resolvePublicAddresses(host, lookup);
  return url;
}
