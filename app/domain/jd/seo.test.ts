import { describe, expect, it } from "vitest";
import { slugify } from "./slug";
import { suggestKeywords, suggestMetaDescription, suggestSlug, truncateAtWord } from "./seo";
import { completeJd } from "./test-fixtures";

describe("SEO suggestions", () => {
  it("makes ASCII slugs from titles in European languages", () => {
    expect(slugify("Starszy programista backend (Kraków / Łódź)")).toBe("starszy-programista-backend-krakow-lodz");
    expect(slugify("Vývojář backendu – Brno")).toBe("vyvojar-backendu-brno");
    expect(slugify("Προγραμματιστής Backend")).toBe("programmatistis-backend");
    expect(slugify("Бэкенд-разработчик")).toBe("bekend-razrabotchik");
    expect(slugify("Straße & Søren")).toBe("strasse-soren");
    expect(slugify("a ".repeat(60), 20).length).toBeLessThanOrEqual(20);
  });

  it("suggests a slug from the title and place", () => {
    const doc = completeJd();
    expect(suggestSlug(doc)).toBe("backend-developer-krakow");
    expect(suggestSlug({ ...doc, location: { ...doc.location, remotePolicy: "REMOTE" } })).toBe("backend-developer-remote");
    expect(suggestSlug({ ...doc, title: "!!", location: { ...doc.location, city: "" } })).toBe("job");
  });

  it("keeps the meta description within 160 characters, cut at a word", () => {
    const description = suggestMetaDescription(completeJd());
    expect(description.length).toBeLessThanOrEqual(160);
    expect(description.startsWith("Backend Developer at Northwind Labs (Kraków).")).toBe(true);
    expect(truncateAtWord("one two three four", 12)).toBe("one two…");
  });

  it("suggests keywords from the title, place, competencies and the catalog, without duplicates", () => {
    const keywords = suggestKeywords(completeJd(), ["backend developer job", "Backend Developer"]);
    expect(keywords[0]).toBe("backend developer");
    expect(keywords).toContain("backend developer kraków");
    expect(keywords).toContain("backend developer job");
    expect(keywords.filter((k) => k.toLowerCase() === "backend developer")).toHaveLength(1);
    expect(keywords.length).toBeLessThanOrEqual(10);
  });
});
