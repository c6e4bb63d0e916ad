import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { checkUrlShape, isAllowedHost, resolvePublicAddresses, systemLookup, type Lookup, type UrlPolicy } from "./address-guard";

export interface PostResult {
  status: number | null;
  headers: Record<string, string>;
  /** The first `maxResponseBytes` of the body. */
  body: string;
  error: string | null;
}

export interface PostOptions extends UrlPolicy {
  timeoutMs: number;
  maxResponseBytes: number;
  lookup?: Lookup;
}

/**
 * POSTs a webhook body. The connection is made to the address the guard checked (a custom
 * `lookup`), so a name cannot resolve to a public address for the check and a private one for
 * the connection. Redirects are never followed: a 3xx is reported as a failed delivery.
 */
export function postWebhook(rawUrl: string, body: string, headers: Record<string, string>, options: PostOptions): Promise<PostResult> {
  let url: URL;
  try {
    url = checkUrlShape(rawUrl, options);
  } catch (error) {
    return Promise.resolve({ status: null, headers: {}, body: "", error: (error as Error).message });
  }
  const lookup = options.lookup ?? systemLookup;
  const guarded = !isAllowedHost(url, options);
  const guardedLookup: LookupFunction = (hostname, lookupOptions, callback) => {
    resolvePublicAddresses(hostname, lookup).then(
      (addresses) => {
        if (lookupOptions.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, "", 0),
    );
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "Content-Length": Buffer.byteLength(body).toString() },
        timeout: options.timeoutMs,
        ...(guarded ? { lookup: guardedLookup } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on("data", (chunk: Buffer) => {
          if (kept >= options.maxResponseBytes) return;
          chunks.push(chunk.subarray(0, options.maxResponseBytes - kept));
          kept += Math.min(chunk.length, options.maxResponseBytes - kept);
        });
        response.on("end", () => {
          const status = response.statusCode ?? null;
          const responseHeaders = Object.fromEntries(
            Object.entries(response.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : String(value ?? "")]),
          );
          const redirect = status !== null && status >= 300 && status < 400;
          finish({
            status,
            headers: responseHeaders,
            body: Buffer.concat(chunks).toString("utf8"),
            error: redirect ? `redirects are not followed (HTTP ${status} to ${responseHeaders.location ?? "nowhere"})` : null,
          });
        });
        response.on("error", (error) => finish({ status: response.statusCode ?? null, headers: {}, body: "", error: error.message }));
      },
    );
    // `timeout` only covers idle sockets; this bounds a receiver that trickles its answer.
    const deadline = setTimeout(() => request.destroy(new Error(`no complete response within ${options.timeoutMs} ms`)), options.timeoutMs);
    request.on("close", () => clearTimeout(deadline));
    request.on("timeout", () => request.destroy(new Error(`no response within ${options.timeoutMs} ms`)));
    request.on("error", (error) => finish({ status: null, headers: {}, body: "", error: error.message }));
    request.end(body);
  });
}
