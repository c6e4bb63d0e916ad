import type { CatalogItemKind, Level } from "./levels";

/** A competency as the app reads it from the database (timestamps left out). */
export interface Competency {
  id: string;
  name: string;
  category: string;
  description: string;
  juniorExpectation: string;
  intermediateExpectation: string;
  seniorExpectation: string;
  sortOrder: number;
}

/** A catalog item as stored; `sourceKey` is null for items an admin created in the UI. */
export interface CatalogItem {
  id: string;
  sourceKey: string | null;
  competencyId: string | null;
  kind: CatalogItemKind;
  text: string;
  levels: Level[];
  sortOrder: number;
}

export function expectationFor(competency: Competency, level: Level): string {
  switch (level) {
    case "JUNIOR":
      return competency.juniorExpectation;
    case "INTERMEDIATE":
      return competency.intermediateExpectation;
    case "SENIOR":
      return competency.seniorExpectation;
  }
}

/** Items that no level uses any more are retired: kept for history, left out of presets. */
export function isRetired(item: Pick<CatalogItem, "levels">): boolean {
  return item.levels.length === 0;
}
