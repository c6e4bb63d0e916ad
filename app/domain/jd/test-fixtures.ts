import rawCatalog from "../../../prisma/catalog/catalog.json";
import { parseCatalogSource } from "../catalog/source-schema";
import { catalogFromSource } from "../catalog/source-rows";
import type { Level } from "../catalog/levels";
import type { JdDocument } from "./document";
import { buildPreset } from "./preset";
import { BACKEND_DEVELOPER } from "./role-templates";

// Shared by the JD, quality and PDF tests and the PDF bench: the real catalog source, as the
// database holds it after a first seed.
export const catalogSource = parseCatalogSource(rawCatalog);
export const catalog = catalogFromSource(catalogSource);

export function presetFor(level: Level): JdDocument {
  return buildPreset({
    level,
    template: BACKEND_DEVELOPER,
    catalogItems: catalog.items,
    company: { name: "Northwind Labs", website: "https://northwind.example" },
    catalogKeywords: catalogSource.seo.keywords,
  });
}

/** A preset filled in the way a recruiter would before publishing. */
export function completeJd(level: Level = "INTERMEDIATE"): JdDocument {
  const doc = presetFor(level);
  return {
    ...doc,
    team: "Payments Platform",
    location: { ...doc.location, remotePolicy: "HYBRID", streetAddress: "ul. Długa 5", city: "Kraków", region: "Lesser Poland", postalCode: "31-147", country: "PL" },
    salary: { min: 16000, max: 22000, currency: "PLN", period: "MONTH" },
    aboutCompany:
      "Northwind Labs builds payment software for small shops across Europe. We are forty people, half of them engineers, and we ship to production several times a day.",
    benefits: ["Twenty-six days of paid holiday", "A yearly learning budget", "Private medical care"],
    validThrough: "2030-03-31",
    applyTo: "https://northwind.example/careers/apply",
  };
}
