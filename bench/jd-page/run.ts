// Server response time of a public JD page under concurrent load, against a running server.
// Usage: npx tsx bench/jd-page/run.ts --url http://127.0.0.1:3000/jobs/<slug>
//        [--concurrency 20] [--requests 2000] [--max-seconds 60]
// Start the production build first (npm start, or the start script's built server). Only
// loopback addresses are accepted: this is a local measurement, never a load test of a host.
import { Agent, createServer, get as httpGet } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { gunzipSync } from "node:zlib";
import { z } from "zod";

const loopback = (url: URL) => /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname);

const Args = z.object({
  url: z
    .url({ error: "--url must be an absolute http URL of a public JD page" })
    .transform((value) => new URL(value))
    .refine((url) => url.protocol === "http:" && loopback(url), "--url must point at 127.0.0.1, localhost or [::1]"),
  concurrency: z.coerce.number().int().min(1).max(200).default(20),
  requests: z.coerce.number().int().min(20).max(100_000).default(2000),
  "max-seconds": z.coerce.number().min(1).max(600).default(60),
});

const { values } = parseArgs({
  options: { url: { type: "string" }, concurrency: { type: "string" }, requests: { type: "string" }, "max-seconds": { type: "string" } },
});
const parsed = Args.safeParse(values);
if (!parsed.success) {
  console.error(z.prettifyError(parsed.error));
  process.exit(2);
}
const { url, concurrency, requests } = parsed.data;
const deadline = performance.now() + parsed.data["max-seconds"] * 1000;

const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

interface Answer {
  status: number;
  /** The bytes as they came over the wire (compressed when the server compressed them). */
  wire: Buffer;
  encoding: string | undefined;
  contentType: string | undefined;
}

// node:http with a keep-alive pool rather than fetch: fetch's own per-response cost (streams,
// decompression set-up) made the client, not the servers, the bottleneck on a 2-core host.
function get(target: URL): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpGet(target, { agent, headers: { accept: "text/html", "accept-encoding": "gzip" } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, wire: Buffer.concat(chunks), encoding: response.headers["content-encoding"], contentType: response.headers["content-type"] }),
      );
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

const text = (answer: Answer) => (answer.encoding === "gzip" ? gunzipSync(answer.wire) : answer.wire).toString("utf8");

// The same bytes, as they went over the wire (compressed as Hirekit sent them to a browser that
// accepts gzip), from a plain node:http server in this process: the ceiling a Node server reaches
// on this machine, measured in the same minute so the two figures compare.
async function staticTwin(source: URL): Promise<{ url: URL; close(): Promise<void> }> {
  const answer = await get(source);
  const headers = {
    "Content-Type": answer.contentType ?? "text/html; charset=utf-8",
    "Content-Length": String(answer.wire.byteLength),
    ...(answer.encoding ? { "Content-Encoding": answer.encoding } : {}),
  };
  const server = createServer((_req, res) => res.writeHead(200, headers).end(answer.wire));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: new URL(`http://127.0.0.1:${port}${source.pathname}`), close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function hit(target: URL, check: (body: string) => boolean): Promise<{ ms: number; ok: boolean }> {
  const start = performance.now();
  try {
    const answer = await get(target);
    return { ms: performance.now() - start, ok: answer.status === 200 && check(text(answer)) };
  } catch {
    return { ms: performance.now() - start, ok: false };
  }
}

interface Run {
  label: string;
  requests: number;
  seconds: number;
  errors: number;
  latencies: number[];
}

async function load(label: string, target: URL, check: (body: string) => boolean): Promise<Run> {
  // Warm up at full concurrency until the JIT has settled, so neither server is measured cold.
  const warmUntil = performance.now() + 2_000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < warmUntil) await hit(target, check);
  }));
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < requests && performance.now() < deadline) {
        issued++;
        const { ms, ok } = await hit(target, check);
        latencies.push(ms);
        if (!ok) errors++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { label, requests: latencies.length, seconds: (performance.now() - started) / 1000, errors, latencies };
}

const hasJsonLd = (body: string) => body.includes("application/ld+json");
const probe = await hit(url, hasJsonLd);
if (!probe.ok) {
  console.error(`${url} did not answer 200 with embedded JSON-LD; is the server running and the JD published?`);
  process.exit(1);
}
const twin = await staticTwin(url);
const runs = [await load("Hirekit", url, hasJsonLd), await load("plain node:http, same bytes", twin.url, hasJsonLd)];
await twin.close();
agent.destroy();

const at = (run: Run, q: number) => run.latencies[Math.min(run.latencies.length - 1, Math.floor(q * run.latencies.length))] ?? NaN;
console.log(`GET ${url.pathname}, ${concurrency} concurrent, up to ${requests} requests each, accepting gzip as a browser does`);
for (const run of runs) {
  console.log(
    `  ${run.label.padEnd(28)} ${(run.requests / run.seconds).toFixed(0).padStart(6)} req/s   p50 ${at(run, 0.5).toFixed(1).padStart(6)} ms   p95 ${at(run, 0.95).toFixed(1).padStart(6)} ms   ${run.errors} errors${run.requests < requests ? " (stopped at the time limit)" : ""}`,
  );
}
const [app, plain] = runs as [Run, Run];
console.log(`  Hirekit reaches ${((100 * (app.requests / app.seconds)) / (plain.requests / plain.seconds)).toFixed(0)} % of the plain server's throughput; p95 is ${(at(app, 0.95) / at(plain, 0.95)).toFixed(2)}x its p95`);
