import type { CatalogItem } from "../catalog/model";
import { isRetired } from "../catalog/model";
import type { Level } from "../catalog/levels";
import { isCompetencyId } from "../catalog/competency-ids";
import { SECTION_HEADINGS, type JdDocument, type JdItem } from "./document";
import type { RoleTemplate, Stack } from "./role-templates";
import { suggestKeywords, suggestMetaDescription, suggestSlug } from "./seo";

export interface PresetInput {
  level: Level;
  template: RoleTemplate;
  catalogItems: readonly CatalogItem[];
  company?: { name: string; website: string };
  catalogKeywords?: readonly string[];
}

export function itemFromCatalog(item: CatalogItem): JdItem {
  return {
    id: catalogItemRef(item.id),
    text: item.text,
    competencyId: item.competencyId && isCompetencyId(item.competencyId) ? item.competencyId : null,
    source: { catalogItemId: item.id, sourceKey: item.sourceKey },
  };
}

function presetItem(item: CatalogItem, stack: Stack): JdItem[] {
  if (item.kind !== "TOOL") return [itemFromCatalog(item)];
  const chosen = item.sourceKey ? stack[item.sourceKey] : undefined;
  return chosen ? [{ ...itemFromCatalog(item), text: chosen }] : [];
}

/** JD item ids for catalog items are derived, so the same catalog item cannot be added twice. */
export function catalogItemRef(catalogItemId: string): string {
  return `cat-${catalogItemId}`;
}

/**
 * A new JD for a level: every catalog item tagged with that level, section by section in the
 * template's order and the catalog's sort order, except tools, which follow the level's stack.
 * The text is copied, never referenced.
 */
export function buildPreset(input: PresetInput): JdDocument {
  const { level, template } = input;
  const suited = input.catalogItems
    .filter((item) => !isRetired(item) && item.levels.includes(level))
    .sort((a, b) => a.sortOrder - b.sortOrder || a.text.localeCompare(b.text));
  const doc: JdDocument = {
    schemaVersion: 1,
    roleTemplate: template.id,
    level,
    title: template.levels[level].title,
    team: "",
    company: input.company ?? { name: "", website: "" },
    location: { remotePolicy: "HYBRID", streetAddress: "", city: "", region: "", postalCode: "", country: "", applicantCountries: [] },
    employmentType: "FULL_TIME",
    salary: null,
    summary: template.levels[level].summary,
    aboutCompany: "",
    benefits: [],
    howToApply: template.howToApply,
    applyTo: "",
    assessmentId: null,
    sections: template.sectionOrder.map((kind) => ({
      kind,
      heading: SECTION_HEADINGS[kind],
      items: suited.filter((item) => item.kind === kind).flatMap((item) => presetItem(item, template.levels[level].stack)),
    })),
    seo: { slug: "", metaDescription: "", keywords: [] },
    validThrough: null,
  };
  doc.seo = {
    slug: suggestSlug(doc),
    metaDescription: suggestMetaDescription(doc),
    keywords: suggestKeywords(doc, input.catalogKeywords),
  };
  return doc;
}
