// Server response time of a public JD page under concurrent load, against a running server.
// Usage: npx tsx bench/jd-page/run.ts --url http://127.0.0.1:3000/jobs/<slug>
//        [--concurrency 20] [--requests 2000] [--max-seconds 60]
// Start the production build first (npm start, or the start script's built server). Only
// loopback addresses are accepted: this is a local measurement, never a load test of a host.
import { parseArgs } from "node:util";
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

async function hit(): Promise<{ ms: number; ok: boolean }> {
  const start = performance.now();
  try {
    const response = await fetch(url, { headers: { accept: "text/html" } });
    const body = await response.text();
    return { ms: performance.now() - start, ok: response.status === 200 && body.includes("application/ld+json") };
  } catch {
    return { ms: performance.now() - start, ok: false };
  }
}

const probe = await hit();
if (!probe.ok) {
  console.error(`${url} did not answer 200 with embedded JSON-LD; is the server running and the JD published?`);
  process.exit(1);
}
for (let i = 0; i < 50; i++) await hit();

const latencies: number[] = [];
let errors = 0;
let issued = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (issued < requests && performance.now() < deadline) {
      issued++;
      const { ms, ok } = await hit();
      latencies.push(ms);
      if (!ok) errors++;
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
console.log(`GET ${url.pathname}: ${latencies.length} requests, ${concurrency} concurrent, ${seconds.toFixed(1)} s, ${(latencies.length / seconds).toFixed(0)} req/s, ${errors} errors`);
console.log(`  p50 ${at(0.5)} ms   p95 ${at(0.95)} ms   p99 ${at(0.99)} ms   max ${latencies.at(-1)!.toFixed(1)} ms`);
if (latencies.length < requests) console.log(`  stopped at the ${parsed.data["max-seconds"]} s limit before ${requests} requests`);
