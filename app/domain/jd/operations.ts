import type { CatalogItem } from "../catalog/model";
import type { CatalogItemKind } from "../catalog/levels";
import type { CompetencyId } from "../catalog/competency-ids";
import { LIMITS, SECTION_HEADINGS, type JdDocument, type JdItem, type JdSection } from "./document";
import { catalogItemRef, itemFromCatalog } from "./preset";

// Composer operations. Each returns a new document and leaves its input untouched; a refused
// operation throws JdOperationError with a message meant for the recruiter.

export class JdOperationError extends Error {}

export type JdOperation =
  | { op: "add-catalog-item"; item: CatalogItem }
  | { op: "add-custom-item"; kind: CatalogItemKind; text: string; competencyId: CompetencyId | null; id?: string }
  | { op: "remove-item"; itemId: string }
  | { op: "move-item"; itemId: string; direction: "up" | "down" }
  | { op: "edit-item"; itemId: string; text: string };

export function applyOperation(doc: JdDocument, operation: JdOperation): JdDocument {
  switch (operation.op) {
    case "add-catalog-item":
      return addCatalogItem(doc, operation.item);
    case "add-custom-item":
      return addCustomItem(doc, operation.kind, operation.text, operation.competencyId, operation.id);
    case "remove-item":
      return removeItem(doc, operation.itemId);
    case "move-item":
      return moveItem(doc, operation.itemId, operation.direction);
    case "edit-item":
      return editItem(doc, operation.itemId, operation.text);
  }
}

export function addCatalogItem(doc: JdDocument, item: CatalogItem): JdDocument {
  if (findItem(doc, catalogItemRef(item.id))) {
    throw new JdOperationError(`"${item.text}" is already in this job description.`);
  }
  return appendToSection(doc, item.kind, itemFromCatalog(item));
}

export function addCustomItem(
  doc: JdDocument,
  kind: CatalogItemKind,
  text: string,
  competencyId: CompetencyId | null,
  id: string = `custom-${crypto.randomUUID()}`,
): JdDocument {
  const clean = cleanText(text);
  if (findItem(doc, id)) throw new JdOperationError(`An item with id "${id}" already exists.`);
  return appendToSection(doc, kind, { id, text: clean, competencyId, source: null });
}

export function removeItem(doc: JdDocument, itemId: string): JdDocument {
  locate(doc, itemId);
  return mapSections(doc, (section) => ({ ...section, items: section.items.filter((item) => item.id !== itemId) }));
}

/** Moves an item one place within its section; at either end it stays put. */
export function moveItem(doc: JdDocument, itemId: string, direction: "up" | "down"): JdDocument {
  const { sectionIndex, itemIndex } = locate(doc, itemId);
  const target = direction === "up" ? itemIndex - 1 : itemIndex + 1;
  const items = doc.sections[sectionIndex]!.items;
  if (target < 0 || target >= items.length) return doc;
  const reordered = [...items];
  [reordered[itemIndex], reordered[target]] = [reordered[target]!, reordered[itemIndex]!];
  return mapSections(doc, (section, index) => (index === sectionIndex ? { ...section, items: reordered } : section));
}

/** Edited text stays linked to its catalog source, so the diff and the catalog can tell where it came from. */
export function editItem(doc: JdDocument, itemId: string, text: string): JdDocument {
  const clean = cleanText(text);
  locate(doc, itemId);
  return mapSections(doc, (section) => ({
    ...section,
    items: section.items.map((item) => (item.id === itemId ? { ...item, text: clean } : item)),
  }));
}

export function findItem(doc: JdDocument, itemId: string): { section: JdSection; item: JdItem } | undefined {
  for (const section of doc.sections) {
    const item = section.items.find((candidate) => candidate.id === itemId);
    if (item) return { section, item };
  }
  return undefined;
}

function locate(doc: JdDocument, itemId: string): { sectionIndex: number; itemIndex: number } {
  for (const [sectionIndex, section] of doc.sections.entries()) {
    const itemIndex = section.items.findIndex((item) => item.id === itemId);
    if (itemIndex >= 0) return { sectionIndex, itemIndex };
  }
  throw new JdOperationError("That item is no longer in this job description; reload the page.");
}

function appendToSection(doc: JdDocument, kind: CatalogItemKind, item: JdItem): JdDocument {
  const existing = doc.sections.find((section) => section.kind === kind);
  if (existing && existing.items.length >= LIMITS.itemsPerSection) {
    throw new JdOperationError(`"${existing.heading}" already has ${LIMITS.itemsPerSection} items, the most a section may hold.`);
  }
  if (!existing) {
    return { ...doc, sections: [...doc.sections, { kind, heading: SECTION_HEADINGS[kind], items: [item] }] };
  }
  return mapSections(doc, (section) => (section.kind === kind ? { ...section, items: [...section.items, item] } : section));
}

function mapSections(doc: JdDocument, map: (section: JdSection, index: number) => JdSection): JdDocument {
  return { ...doc, sections: doc.sections.map(map) };
}

function cleanText(text: string): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (!clean) throw new JdOperationError("An item needs some text.");
  if (clean.length > LIMITS.itemText) {
    throw new JdOperationError(`An item may be at most ${LIMITS.itemText} characters; this one has ${clean.length}.`);
  }
  return clean;
}
