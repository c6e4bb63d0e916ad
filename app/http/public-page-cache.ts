// A few seconds of memory for the rendered public JD pages: under a burst of anonymous visitors
// one render serves them all, as a CDN in front would. Short next to the pages' max-age, so a
// newly published version shows up as soon as a browser cache would notice it anyway.
// At most maxEntries pages are kept; when full, the least recently served one goes, so a crawl of
// many rarely visited pages cannot push out the few that carry the burst.

export interface CachedPage {
  headers: [string, string][];
  body: Buffer;
  /** The body compressed once, for the many visitors that accept gzip. */
  gzip: Buffer;
  etag: string;
}

export class PublicPageCache {
  private readonly entries = new Map<string, CachedPage & { expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get(key: string, now = Date.now()): CachedPage | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expires <= now) return undefined;
    // Map keeps insertion order: re-inserting marks the page as the most recently used.
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, page: CachedPage, now = Date.now()): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { ...page, expires: now + this.ttlMs });
  }
}
