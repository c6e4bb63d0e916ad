import { describe, expect, it } from "vitest";
import { PublicPageCache } from "./public-page-cache";

const page = (text: string) => ({ headers: [["content-type", "text/html"]] as [string, string][], body: Buffer.from(text), gzip: Buffer.from(text), etag: `"${text}"` });

describe("PublicPageCache", () => {
  it("serves a page until its time is up", () => {
    const cache = new PublicPageCache(5_000, 10);
    cache.set("/jobs", page("a"), 1_000);
    expect(cache.get("/jobs", 5_999)?.etag).toBe('"a"');
    expect(cache.get("/jobs", 6_000)).toBeUndefined();
  });

  it("drops the oldest page when full", () => {
    const cache = new PublicPageCache(5_000, 2);
    cache.set("/a", page("a"), 0);
    cache.set("/b", page("b"), 0);
    cache.set("/c", page("c"), 0);
    expect(cache.get("/a", 1)).toBeUndefined();
    expect(cache.get("/c", 1)?.etag).toBe('"c"');
  });

  it("keeps a recently served page and drops the least recently used one", () => {
    const cache = new PublicPageCache(5_000, 2);
    cache.set("/a", page("a"), 0);
    cache.set("/b", page("b"), 0);
    expect(cache.get("/a", 1)?.etag).toBe('"a"');
    cache.set("/c", page("c"), 2);
    expect(cache.get("/b", 3)).toBeUndefined();
    expect(cache.get("/a", 3)?.etag).toBe('"a"');
    expect(cache.get("/c", 3)?.etag).toBe('"c"');
  });

  it("replaces a page in place without evicting another and never holds more than its bound", () => {
    const cache = new PublicPageCache(5_000, 2);
    cache.set("/a", page("a"), 0);
    cache.set("/b", page("b"), 0);
    cache.set("/b", page("b2"), 1);
    expect(cache.get("/a", 2)?.etag).toBe('"a"');
    expect(cache.get("/b", 2)?.etag).toBe('"b2"');
    for (let i = 0; i < 100; i++) cache.set(`/p${i}`, page(String(i)), 3);
    const held = ["/a", "/b", ...Array.from({ length: 100 }, (_, i) => `/p${i}`)].filter((key) => cache.get(key, 4));
    expect(held).toEqual(["/p98", "/p99"]);
  });
});
