import { LEVEL_LABELS } from "../catalog/levels";
import {
  EMPLOYMENT_TYPE_LABELS,
  REMOTE_POLICY_LABELS,
  type JdDocument,
  type JdSection,
} from "./document";
import { formatSalary } from "./format";

export type JdChange =
  | { type: "field"; label: string; before: string; after: string }
  | { type: "item-added"; section: string; text: string; position: number }
  | { type: "item-removed"; section: string; text: string }
  | { type: "item-edited"; section: string; before: string; after: string }
  /** `after` is the item it now follows, or null when it moved to the top. */
  | { type: "item-moved"; section: string; text: string; after: string | null }
  | { type: "section-renamed"; before: string; after: string };

const FIELDS: { label: string; get(doc: JdDocument): string }[] = [
  { label: "Title", get: (d) => d.title },
  { label: "Level", get: (d) => LEVEL_LABELS[d.level] },
  { label: "Team", get: (d) => d.team },
  { label: "Company", get: (d) => d.company.name },
  { label: "Company website", get: (d) => d.company.website },
  { label: "Remote policy", get: (d) => REMOTE_POLICY_LABELS[d.location.remotePolicy] },
  {
    label: "Office address",
    get: (d) => [d.location.streetAddress, d.location.postalCode, d.location.city, d.location.region, d.location.country].filter(Boolean).join(", "),
  },
  { label: "Remote applicants from", get: (d) => d.location.applicantCountries.join(", ") },
  { label: "Employment type", get: (d) => EMPLOYMENT_TYPE_LABELS[d.employmentType] },
  { label: "Salary", get: (d) => (d.salary ? formatSalary(d.salary) : "") },
  { label: "Summary", get: (d) => d.summary },
  { label: "About the company", get: (d) => d.aboutCompany },
  { label: "Benefits", get: (d) => d.benefits.join("; ") },
  { label: "How to apply", get: (d) => d.howToApply },
  { label: "Apply at", get: (d) => d.applyTo },
  { label: "Linked assessment", get: (d) => d.assessmentId ?? "" },
  { label: "Applications close on", get: (d) => d.validThrough ?? "" },
  { label: "Slug", get: (d) => d.seo.slug },
  { label: "Meta description", get: (d) => d.seo.metaDescription },
  { label: "Keywords", get: (d) => d.seo.keywords.join(", ") },
];

/** What changed from `before` to `after`: fields first, then items section by section. */
export function diffDocuments(before: JdDocument, after: JdDocument): JdChange[] {
  const changes: JdChange[] = [];
  for (const field of FIELDS) {
    const a = field.get(before);
    const b = field.get(after);
    if (a !== b) changes.push({ type: "field", label: field.label, before: a, after: b });
  }
  const kinds = [...new Set([...after.sections, ...before.sections].map((s) => s.kind))];
  for (const kind of kinds) {
    const old = before.sections.find((s) => s.kind === kind);
    const now = after.sections.find((s) => s.kind === kind);
    changes.push(...diffSection(old, now));
  }
  return changes;
}

function diffSection(before: JdSection | undefined, after: JdSection | undefined): JdChange[] {
  const heading = after?.heading ?? before?.heading ?? "";
  const changes: JdChange[] = [];
  if (before && after && before.heading !== after.heading) {
    changes.push({ type: "section-renamed", before: before.heading, after: after.heading });
  }
  const oldItems = before?.items ?? [];
  const newItems = after?.items ?? [];
  const oldById = new Map(oldItems.map((item) => [item.id, item]));
  const newIds = new Set(newItems.map((item) => item.id));
  for (const item of oldItems) {
    if (!newIds.has(item.id)) changes.push({ type: "item-removed", section: heading, text: item.text });
  }
  newItems.forEach((item, index) => {
    const old = oldById.get(item.id);
    if (!old) changes.push({ type: "item-added", section: heading, text: item.text, position: index + 1 });
    else if (old.text !== item.text) changes.push({ type: "item-edited", section: heading, before: old.text, after: item.text });
  });
  const oldOrder = oldItems.filter((item) => newIds.has(item.id)).map((item) => item.id);
  const newOrder = newItems.filter((item) => oldById.has(item.id)).map((item) => item.id);
  const stayed = longestCommonSubsequence(oldOrder, newOrder);
  newItems.forEach((item, index) => {
    if (!oldById.has(item.id) || stayed.has(item.id)) return;
    changes.push({ type: "item-moved", section: heading, text: item.text, after: index > 0 ? newItems[index - 1]!.text : null });
  });
  return changes;
}

/**
 * Items in the LCS kept their relative order; the others are the ones that moved. On a tie (two
 * neighbours swapped) the later item is reported as moved up, the composer's usual gesture.
 */
function longestCommonSubsequence(a: string[], b: string[]): Set<string> {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      kept.add(a[i]!);
      i++;
      j++;
    } else if (table[i]![j + 1]! >= table[i + 1]![j]!) j++;
    else i++;
  }
  return kept;
}

export function describeChange(change: JdChange): string {
  const quote = (text: string) => (text ? `“${text}”` : "(empty)");
  switch (change.type) {
    case "field":
      return `${change.label}: ${quote(change.before)} → ${quote(change.after)}`;
    case "item-added":
      return `${change.section}: added ${quote(change.text)} at position ${change.position}`;
    case "item-removed":
      return `${change.section}: removed ${quote(change.text)}`;
    case "item-edited":
      return `${change.section}: changed ${quote(change.before)} to ${quote(change.after)}`;
    case "item-moved":
      return change.after === null
        ? `${change.section}: moved ${quote(change.text)} to the top`
        : `${change.section}: moved ${quote(change.text)} to after ${quote(change.after)}`;
    case "section-renamed":
      return `Section renamed from ${quote(change.before)} to ${quote(change.after)}`;
  }
}
