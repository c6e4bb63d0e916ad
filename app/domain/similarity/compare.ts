import { hashSet, type Fingerprint } from "./fingerprint";

// Comparing one submission's fingerprints with earlier ones. The score is the share of the
// smaller side's distinct fingerprints found in the other: a short solution copied into a longer
// one still scores high. A match is evidence for a reviewer to look at, never a verdict.

export const MATCH_THRESHOLD = 0.5;
/** Below this many distinct fingerprints a submission is too small to compare meaningfully. */
export const MIN_PRINTS = 8;
export const TOP_MATCHES = 5;
/**
 * A fingerprint found in more earlier submissions than this share of the index (at least
 * COMMON_MIN, at most COMMON_MAX) is an idiom of the task (framework set-up, the obvious handler
 * shape), not evidence of copying, and is ignored, as MOSS does with passages found in many
 * programs. The cap also bounds the work per fingerprint however many submissions there are.
 */
export const COMMON_SHARE = 0.02;
export const COMMON_MIN = 10;
export const COMMON_MAX = 50;

export interface Candidate {
  submissionId: string;
  /** The candidate who made it; attempts of the same candidate are never matches. */
  ownerId: string;
  hashes: ReadonlySet<number>;
}

export interface MatchScore {
  submissionId: string;
  shared: number;
  score: number;
}

/** An inverted index from fingerprint to the earlier submissions that have it. */
export class SimilarityIndex {
  /** Most fingerprints belong to one submission only: those map to a bare slot, not an array. */
  private readonly postings = new Map<number, number | number[]>();
  /** Only what scoring needs, so the index holds each fingerprint once (in its postings). */
  private readonly entries: { submissionId: string; ownerId: string; size: number }[] = [];

  add(candidate: Candidate): void {
    const slot = this.entries.push({ submissionId: candidate.submissionId, ownerId: candidate.ownerId, size: candidate.hashes.size }) - 1;
    for (const hash of candidate.hashes) {
      const list = this.postings.get(hash);
      if (list === undefined) this.postings.set(hash, slot);
      else if (typeof list === "number") this.postings.set(hash, [list, slot]);
      else list.push(slot);
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** The best matches above the threshold, other candidates only, highest score first. */
  query(hashes: ReadonlySet<number>, ownerId: string, options: { threshold?: number; top?: number } = {}): MatchScore[] {
    const threshold = options.threshold ?? MATCH_THRESHOLD;
    const common = Math.max(COMMON_MIN, Math.min(COMMON_MAX, Math.floor(this.entries.length * COMMON_SHARE)));
    const counts = new Map<number, number>();
    let distinctive = 0;
    for (const hash of hashes) {
      const list = this.postings.get(hash);
      if (typeof list === "object" && list.length > common) continue;
      distinctive += 1;
      if (list === undefined) continue;
      for (const slot of typeof list === "number" ? [list] : list) counts.set(slot, (counts.get(slot) ?? 0) + 1);
    }
    if (distinctive < MIN_PRINTS) return [];
    const scores: MatchScore[] = [];
    for (const [slot, shared] of counts) {
      const other = this.entries[slot];
      if (other.ownerId === ownerId || other.size < MIN_PRINTS) continue;
      const score = Math.min(1, shared / Math.min(distinctive, other.size));
      if (score >= threshold) scores.push({ submissionId: other.submissionId, shared, score });
    }
    return scores.sort((a, b) => b.score - a.score || b.shared - a.shared).slice(0, options.top ?? TOP_MATCHES);
  }
}

export interface Region {
  file: string;
  from: number;
  to: number;
}

export interface RegionPair {
  a: Region;
  b: Region;
  /** Shared fingerprints inside the pair of regions. */
  shared: number;
}

/** Where two fingerprints overlap, as line ranges per pair of files, largest first. */
export function matchingRegions(a: Fingerprint, b: Fingerprint, limit = 5): RegionPair[] {
  const common = hashSet(a);
  const inB = hashSet(b);
  for (const hash of common) if (!inB.has(hash)) common.delete(hash);
  const firstInB = new Map<number, [number, number]>();
  for (const [hash, file, line] of b.prints) if (common.has(hash) && !firstInB.has(hash)) firstInB.set(hash, [file, line]);
  const pairs = new Map<string, { a: number[]; b: number[]; fa: number; fb: number }>();
  for (const [hash, file, line] of a.prints) {
    const other = firstInB.get(hash);
    if (!other) continue;
    const key = `${file}:${other[0]}`;
    const entry = pairs.get(key) ?? { a: [], b: [], fa: file, fb: other[0] };
    entry.a.push(line);
    entry.b.push(other[1]);
    pairs.set(key, entry);
  }
  return [...pairs.values()]
    .map((p) => ({
      a: { file: a.files[p.fa], from: Math.min(...p.a), to: Math.max(...p.a) },
      b: { file: b.files[p.fb], from: Math.min(...p.b), to: Math.max(...p.b) },
      shared: p.a.length,
    }))
    .sort((x, y) => y.shared - x.shared)
    .slice(0, limit);
}
