import { z } from "zod";
import { jdDocumentSchema, type JdDocument } from "~/domain/jd/document";
import { applyOperation, JdOperationError } from "~/domain/jd/operations";
import { suggestKeywords, suggestMetaDescription, suggestSlug } from "~/domain/jd/seo";
import { isLevel } from "~/domain/catalog/levels";
import { loadCatalogSource } from "../catalog-source.server";
import { getCatalogItem } from "../catalog.server";
import { blankDocument, customCompetency, docFromForm, intentSchema, issuesToFields, parseStructure } from "./composer-form";
import { getJd, saveJdVersion } from "./store.server";
import { HttpError } from "../http-error";

// One composer round trip: the form holds the whole working copy (fields, plus the sections'
// structure in a hidden field), a button says what to do with it. Only "save" writes.

export type ComposerResult =
  | { kind: "saved"; number: number }
  | { kind: "draft"; doc: JdDocument; baseVersion: number; errors: Record<string, string>; message?: string; details?: string[] };

export async function composerAction(actorId: string, jdId: string, form: FormData): Promise<ComposerResult> {
  const intent = intentSchema.safeParse(form.get("intent"));
  if (!intent.success) throw new HttpError(`Unknown composer action "${String(form.get("intent"))}".`);
  const structure = parseStructure(form.get("structure"));
  if (!structure) throw new HttpError("The form is missing its section data; reload the page and try again.");
  const baseVersion = z.coerce.number().int().positive().safeParse(form.get("baseVersion"));
  if (!baseVersion.success) throw new HttpError("The form is missing the version it was based on; reload the page.");
  const level = String(form.get("level") ?? "");
  let doc = docFromForm(form, blankDocument(structure, isLevel(level) ? level : "INTERMEDIATE"));
  const draft = (extra: Partial<Extract<ComposerResult, { kind: "draft" }>> = {}): ComposerResult => ({
    kind: "draft",
    doc,
    baseVersion: baseVersion.data,
    errors: {},
    ...extra,
  });

  try {
    const [action, argument] = intent.data.split(":") as [string, string | undefined];
    switch (action) {
      case "save": {
        const saved = await saveJdVersion(actorId, jdId, doc, { baseVersion: baseVersion.data, note: String(form.get("note") ?? "") });
        return { kind: "saved", number: saved.number };
      }
      case "check": {
        const parsed = jdDocumentSchema.safeParse(doc);
        return parsed.success
          ? draft({ message: "No errors. Save to keep these changes as a new version." })
          : draft({ errors: issuesToFields(parsed.error.issues, doc), message: "Fix the highlighted fields before saving." });
      }
      case "suggest-seo":
        doc = {
          ...doc,
          seo: { slug: suggestSlug(doc), metaDescription: suggestMetaDescription(doc), keywords: suggestKeywords(doc, loadCatalogSource().seo.keywords) },
        };
        return draft({ message: "Suggested a slug, meta description and keywords from the current text. Review them, then save." });
      case "move-up":
      case "move-down":
        doc = applyOperation(doc, { op: "move-item", itemId: argument!, direction: action === "move-up" ? "up" : "down" });
        return draft();
      case "remove":
        doc = applyOperation(doc, { op: "remove-item", itemId: argument! });
        return draft();
      case "add-custom": {
        const kind = argument as JdDocument["sections"][number]["kind"];
        doc = applyOperation(doc, { op: "add-custom-item", kind, text: String(form.get(`custom.${kind}`) ?? ""), competencyId: customCompetency(form, kind) });
        return draft();
      }
      case "add-catalog": {
        const catalogItemId = String(form.get(`catalog.${argument}`) ?? "");
        if (!catalogItemId) return draft({ errors: { [`catalog.${argument}`]: "choose an item to add" } });
        // A catalog item retired meanwhile is a message on the form, not a missing page.
        const item = await getCatalogItem(catalogItemId).catch((error: unknown) => (error instanceof HttpError ? error : Promise.reject(error)));
        if (item instanceof HttpError) return draft({ errors: { form: item.message } });
        doc = applyOperation(doc, { op: "add-catalog-item", item });
        return draft();
      }
    }
    throw new HttpError(`Unknown composer action "${intent.data}".`);
  } catch (error) {
    if (error instanceof JdOperationError) return draft({ errors: { form: error.message } });
    if (error instanceof HttpError && error.status !== 404) {
      const current = error.status === 409 ? (await getJd(jdId)).jd.currentVersion : baseVersion.data;
      return { ...draft({ errors: { form: error.message, ...error.fieldErrors }, details: error.details }), baseVersion: current } as ComposerResult;
    }
    throw error;
  }
}
