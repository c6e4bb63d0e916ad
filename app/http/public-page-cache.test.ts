import { describe, expect, it } from "vitest";
import { PublicPageCache } from "./public-page-cache";

const page = (text: string) => ({ headers: [["content-type", "text/html"]] as [string, string][], body: Buffer.from(text), etag: `"${text}"` });

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
});
