// Seeded randomness: the same (seed, test id) always yields the same sequence, so a grading run
// can be replayed request for request.

/** 32-bit FNV-1a of a string. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: small, fast, good enough for test data (not for secrets). */
export function createRandom(seed: number, stream: string): () => number {
  let state = (hashString(`${seed}:${stream}`) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Unique-per-run names: seed and stream are hashed in, a counter keeps calls within one test apart. */
export function createUnique(seed: number, stream: string): (prefix: string) => string {
  const tag = hashString(`${seed}/${stream}`).toString(36).padStart(7, "0");
  let counter = 0;
  return (prefix: string) => `${prefix}-${tag}${(counter++).toString(36)}`;
}

export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
