import type { CatalogItem, Competency } from "./model";
import type { CatalogItemKind, Level } from "./levels";

export interface CatalogQuery {
  level?: Level;
  category?: string;
  kind?: CatalogItemKind;
  competencyId?: string;
  /** Free text; every word must appear in the item, its competency's name or description. */
  text?: string;
}

export interface CatalogGroup {
  competency: Competency;
  items: CatalogItem[];
}

/** Folds case and accents so "optimisation" finds "Optimisation" and "café" finds "cafe". */
export function normalizeForSearch(value: string): string {
  return value.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

export function searchCatalog(
  competencies: readonly Competency[],
  items: readonly CatalogItem[],
  query: CatalogQuery,
): CatalogGroup[] {
  const words = normalizeForSearch(query.text ?? "").split(/\s+/).filter(Boolean);
  const groups: CatalogGroup[] = [];
  for (const competency of [...competencies].sort((a, b) => a.sortOrder - b.sortOrder)) {
    if (query.category && competency.category !== query.category) continue;
    if (query.competencyId && competency.id !== query.competencyId) continue;
    const competencyText = normalizeForSearch(`${competency.name} ${competency.description}`);
    const matching = items
      .filter((item) => item.competencyId === competency.id)
      .filter((item) => !query.level || item.levels.includes(query.level))
      .filter((item) => !query.kind || item.kind === query.kind)
      .filter((item) => {
        const haystack = `${competencyText} ${normalizeForSearch(item.text)}`;
        return words.every((word) => haystack.includes(word));
      })
      .sort((a, b) => a.sortOrder - b.sortOrder);
    if (matching.length > 0) groups.push({ competency, items: matching });
  }
  return groups;
}

export function categoriesOf(competencies: readonly Competency[]): string[] {
  return [...new Set([...competencies].sort((a, b) => a.sortOrder - b.sortOrder).map((c) => c.category))];
}
