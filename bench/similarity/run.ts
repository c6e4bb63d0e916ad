// The similarity check over N synthetic submissions of one assessment (default 10,000): each is
// tokenised, winnowed, stripped of the starter's fingerprints, compared with every earlier one
// through the inverted index, then added to it — the work one similarity job does, minus the two
// database queries. Prints the time per submission (mean, p50, p95), the planted copies found,
// and peak memory.
// Usage: npx tsx bench/similarity/run.ts [--submissions 10000] [--seed 7]
import { parseArgs } from "node:util";
import { z } from "zod";
import { SimilarityIndex } from "~/domain/similarity/compare";
import { fingerprintFiles, hashSet, withoutBaseline } from "~/domain/similarity/fingerprint";

const options = z
  .object({
    submissions: z.coerce.number().int().min(10).max(100_000).default(10_000),
    seed: z.coerce.number().int().default(7),
  })
  .parse(parseArgs({ options: { submissions: { type: "string" }, seed: { type: "string" } } }).values);

let state = options.seed >>> 0 || 1;
function random(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 0x100000000;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

const NOUNS = ["item", "order", "user", "note", "task", "project", "wallet", "entry", "stock", "tag", "comment", "invoice"];
const VERBS = ["create", "list", "get", "update", "remove", "archive", "validate", "count", "search", "total"];

const OPERATORS = ["+", "-", "*", "===", "!==", "&&", "||", "??", "<", ">="];

/** A random expression: what makes two people's code differ even when they solve the same task. */
function expression(n: () => string, depth: number): string {
  const choice = Math.floor(random() * (depth > 2 ? 3 : 9));
  switch (choice) {
    case 0:
      return n();
    case 1:
      return String(Math.floor(random() * 100));
    case 2:
      return `${n()}.${pick(NOUNS)}`;
    case 3:
      return `${expression(n, depth + 1)} ${pick(OPERATORS)} ${expression(n, depth + 1)}`;
    case 4:
      return `${n()}(${expression(n, depth + 1)}${random() < 0.5 ? `, ${expression(n, depth + 1)}` : ""})`;
    case 5:
      return `[${expression(n, depth + 1)}, ${expression(n, depth + 1)}]`;
    case 6:
      return `{ ${pick(NOUNS)}: ${expression(n, depth + 1)} }`;
    case 7:
      return `${expression(n, depth + 1)} ? ${expression(n, depth + 1)} : ${expression(n, depth + 1)}`;
    default:
      return `"${pick(VERBS)}"`;
  }
}

const STATEMENTS: ((n: () => string) => string)[] = [
  (n) => `const ${n()} = ${expression(n, 0)};`,
  (n) => `if (${expression(n, 0)}) return ${n()}.status(${400 + Math.floor(random() * 10)}).json(${expression(n, 1)});`,
  (n) => `${n()}.${pick(VERBS)}(${expression(n, 0)});`,
  (n) => `for (const ${n()} of ${expression(n, 1)}) ${n()} += ${expression(n, 1)};`,
  (n) => `${n()} = ${expression(n, 0)};`,
  (n) => `${n()}.status(201).json(${n()});`,
];

/** One route handler: a random sequence of statements, so independent submissions differ in shape. */
function handler(noun: string, verb: string, names: () => string): string {
  const body = Array.from({ length: 3 + Math.floor(random() * 6) }, () => `  ${pick(STATEMENTS)(names)}`).join("\n");
  return `app.${pick(["get", "post", "put", "delete"])}("/${noun}s/${verb}", async (${names()}, ${names()}) => {\n${body}\n});\n`;
}

function synthetic(): { path: string; text: string }[] {
  let counter = 0;
  const prefix = pick(["a", "the", "my", "x", "tmp", "cur", "new"]);
  const names = () => `${prefix}${pick(NOUNS)}${counter++}`;
  const files: { path: string; text: string }[] = [];
  for (let f = 0; f < 3; f++) {
    const parts: string[] = [`// module ${f} written ${random().toString(36).slice(2)}`];
    for (let h = 0; h < 6 + Math.floor(random() * 6); h++) parts.push(handler(pick(NOUNS), pick(VERBS), names));
    files.push({ path: `src/part${f}.js`, text: parts.join("\n") });
  }
  return files;
}

/** The same files with every generated identifier renamed and the handlers shuffled. */
function disguise(files: { path: string; text: string }[]): { path: string; text: string }[] {
  return files.map((file) => {
    const blocks = file.text.split("\n\n").sort(() => random() - 0.5);
    return { path: file.path.replace("part", "mod"), text: blocks.join("\n\n").replace(/\b(a|the|my|x|tmp|cur|new)([a-z]+)(\d+)\b/g, (_, _p, noun: string, n: string) => `renamed_${noun}_${n}`) };
  });
}

const starter = [{ path: "server.js", text: `import express from "express";\nconst app = express();\napp.use(express.json());\napp.listen(process.env.PORT || 3000);\n` }];
const baseline = hashSet(fingerprintFiles(starter));

const index = new SimilarityIndex();
const history: { path: string; text: string }[][] = [];
const times: number[] = [];
let peakRss = 0;
let peakHeap = 0;
let planted = 0;
let found = 0;
let flagged = 0;
const started = performance.now();
for (let n = 0; n < options.submissions; n++) {
  const copy = n > 0 && random() < 0.02;
  const files = copy ? disguise(history[Math.floor(random() * history.length)]) : synthetic();
  // A bounded pool of earlier submissions to copy from, so the sources kept for copying do not dominate the memory figure.
  if (history.length < 300) history.push(files);
  const t0 = performance.now();
  const fingerprint = withoutBaseline(fingerprintFiles(files), baseline);
  const hashes = hashSet(fingerprint);
  const matches = index.query(hashes, `candidate-${n}`);
  index.add({ submissionId: `s${n}`, ownerId: `candidate-${n}`, hashes });
  times.push(performance.now() - t0);
  if (copy) {
    planted += 1;
    if (matches.length) found += 1;
  } else if (matches.length) flagged += 1;
  if (n % 250 === 0) {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }
}
const usage = process.memoryUsage();
peakRss = Math.max(peakRss, usage.rss);
peakHeap = Math.max(peakHeap, usage.heapUsed);
const sorted = [...times].sort((a, b) => a - b);
const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const mean = times.reduce((a, b) => a + b, 0) / times.length;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
console.log(`similarity bench: ${options.submissions} synthetic submissions of one assessment (seed ${options.seed})`);
console.log(`time per submission: mean ${mean.toFixed(2)} ms, p50 ${at(50).toFixed(2)} ms, p95 ${at(95).toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(1)} ms (aim: under 50 ms)`);
console.log(`total: ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`planted disguised copies found: ${found} of ${planted}; other submissions flagged: ${flagged}`);
console.log(`peak memory: rss ${mb(peakRss)}, heap ${mb(peakHeap)}`);
