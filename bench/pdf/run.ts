// Median time to export a two-page JD as PDF. Usage: npx tsx bench/pdf/run.ts [runs]
import { Writable } from "node:stream";
import { execFileSync } from "node:child_process";
import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import { completeJd } from "~/domain/jd/test-fixtures";
import { renderJdPdf } from "~/lib/jd-pdf.server";

const runs = z.coerce.number().int().min(10).max(10_000).default(200).parse(process.argv[2]);
const doc = { ...completeJd("JUNIOR"), title: "Młodszy programista backend (Kraków)" };

class Sink extends Writable {
  bytes = 0;
  chunks: Buffer[] = [];
  constructor(private readonly keep: boolean) {
    super();
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void) {
    this.bytes += chunk.length;
    if (this.keep) this.chunks.push(chunk);
    callback();
  }
}

const first = new Sink(true);
await renderJdPdf(doc, first);
const dir = mkdtempSync(path.join(tmpdir(), "hirekit-pdf-bench-"));
const file = path.join(dir, "bench.pdf");
writeFileSync(file, Buffer.concat(first.chunks));
const pages = /Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))?.[1];
rmSync(dir, { recursive: true, force: true });

for (let i = 0; i < 10; i++) await renderJdPdf(doc, new Sink(false));
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  await renderJdPdf(doc, new Sink(false));
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
console.log(`PDF export, ${pages}-page JD (${first.bytes} bytes), ${runs} runs after 10 warm-up runs:`);
console.log(`  median ${at(0.5)} ms   p95 ${at(0.95)} ms   min ${times[0]!.toFixed(1)} ms   max ${times.at(-1)!.toFixed(1)} ms`);
