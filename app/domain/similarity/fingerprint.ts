import { languageOfPath, tokenize } from "./tokens";

// Winnowing (Schleimer, Wilkerson and Aiken, 2003): hash every k-gram of normalised tokens and
// keep the smallest hash of each window of w consecutive k-grams. Any shared run of at least
// k + w - 1 tokens is guaranteed to leave a shared fingerprint, while the number of fingerprints
// stays proportional to the code's length divided by w.

export const DEFAULT_K = 12;
export const DEFAULT_W = 8;

export interface SourceFile {
  path: string;
  text: string;
}

/** hash, index into files, line of the k-gram's first token */
export type Print = [hash: number, file: number, line: number];

export interface Fingerprint {
  files: string[];
  prints: Print[];
}

function tokenHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const TOKEN_CODES = new Map<string, number>();
function tokenCode(text: string): number {
  let code = TOKEN_CODES.get(text);
  if (code === undefined) {
    code = tokenHash(text);
    TOKEN_CODES.set(text, code);
  }
  return code;
}

function kgramHashes(codes: readonly number[], k: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + k <= codes.length; i++) {
    let h = 0;
    for (let j = 0; j < k; j++) h = (Math.imul(h, 31) + codes[i + j]) | 0;
    // Mix, so that nearby k-grams do not get nearby hashes (winnowing picks minimums).
    h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
    h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
    out.push((h ^ (h >>> 16)) | 0);
  }
  return out;
}

/** Positions of the winnowed k-grams: the rightmost minimum of each window, each kept once. */
export function winnow(hashes: readonly number[], w: number): number[] {
  if (hashes.length === 0) return [];
  if (hashes.length <= w) {
    let min = 0;
    for (let i = 1; i < hashes.length; i++) if (hashes[i] <= hashes[min]) min = i;
    return [min];
  }
  const picked: number[] = [];
  let last = -1;
  for (let start = 0; start + w <= hashes.length; start++) {
    let min = start;
    for (let i = start + 1; i < start + w; i++) if (hashes[i] <= hashes[min]) min = i;
    if (min !== last) {
      picked.push(min);
      last = min;
    }
  }
  return picked;
}

export function fingerprintFiles(files: readonly SourceFile[], options: { k?: number; w?: number } = {}): Fingerprint {
  const k = options.k ?? DEFAULT_K;
  const w = options.w ?? DEFAULT_W;
  const kept: string[] = [];
  const prints: Print[] = [];
  for (const file of files) {
    const language = languageOfPath(file.path);
    if (!language) continue;
    const tokens = tokenize(file.text, language);
    const hashes = kgramHashes(tokens.map((t) => tokenCode(t.text)), k);
    if (!hashes.length) continue;
    const index = kept.push(file.path) - 1;
    for (const position of winnow(hashes, w)) prints.push([hashes[position], index, tokens[position].line]);
  }
  return { files: kept, prints };
}

/** Drops fingerprints the baseline (the starter and the reference) has: nobody copied those from a peer. */
export function withoutBaseline(fingerprint: Fingerprint, baseline: ReadonlySet<number>): Fingerprint {
  return { files: fingerprint.files, prints: fingerprint.prints.filter(([hash]) => !baseline.has(hash)) };
}

export function hashSet(fingerprint: Fingerprint): Set<number> {
  return new Set(fingerprint.prints.map(([hash]) => hash));
}
