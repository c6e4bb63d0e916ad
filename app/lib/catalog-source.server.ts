import rawCatalog from "../../prisma/catalog/catalog.json";
import { parseCatalogSource, type CatalogSource } from "~/domain/catalog/source-schema";

let cached: CatalogSource | undefined;

/** The versioned catalog source from prisma/catalog/catalog.json, validated once per process. */
export function loadCatalogSource(): CatalogSource {
  cached ??= parseCatalogSource(rawCatalog);
  return cached;
}
