import type { Competency } from "./model";
import type { CatalogSource, SourceCompetency, SourceItem } from "./source-schema";
import type { CatalogItemKind, Level } from "./levels";

/** The database fields of a competency as the source defines them. */
export type CompetencyFields = Omit<Competency, "id" | "sortOrder">;

/** The database fields of a catalog item as the source defines them. */
export interface ItemFields {
  text: string;
  levels: Level[];
  kind: CatalogItemKind;
  competencyId: string;
}

export function competencyFields(c: Pick<SourceCompetency, "name" | "category" | "description" | "expectations">): CompetencyFields {
  return {
    name: c.name,
    category: c.category,
    description: c.description,
    juniorExpectation: c.expectations.junior,
    intermediateExpectation: c.expectations.intermediate,
    seniorExpectation: c.expectations.senior,
  };
}

/** Earlier values of a competency's fields, in database field names. */
export function previousCompetencyFields(c: SourceCompetency): Partial<CompetencyFields>[] {
  return c.previous.map((p) =>
    dropUndefined({
      name: p.name,
      category: p.category,
      description: p.description,
      juniorExpectation: p.expectations?.junior,
      intermediateExpectation: p.expectations?.intermediate,
      seniorExpectation: p.expectations?.senior,
    }),
  );
}

export function itemFields(item: SourceItem): ItemFields {
  return { text: item.text, levels: item.levels, kind: item.kind, competencyId: item.competency };
}

export function previousItemFields(item: SourceItem): Partial<ItemFields>[] {
  return item.previous.map((p) =>
    dropUndefined({ text: p.text, levels: p.levels, kind: p.kind, competencyId: p.competency }),
  );
}

/** The catalog as the database holds it right after a first seed; ids are the source keys. */
export function catalogFromSource(source: CatalogSource) {
  return {
    competencies: source.competencies.map((c, index): Competency => ({ id: c.id, ...competencyFields(c), sortOrder: index })),
    items: source.items.map((item, index) => ({ id: item.key, sourceKey: item.key, ...itemFields(item), sortOrder: index })),
  };
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
