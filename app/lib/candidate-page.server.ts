// Rendered assessment documents for the landing page, memoised per assessment content hash:
// the brief and contract only change when the assessment is re-synced.
import { renderMarkdown } from "~/domain/contract-view/markdown";
import { parseContractView, type ContractView } from "~/domain/contract-view/view";

const cache = new Map<string, { briefHtml: string; contract: ContractView | null; contractError: string | null }>();
const MAX_ENTRIES = 32;

export function assessmentDocuments(assessment: { contentHash: string; brief: string; openapi: string }) {
  let entry = cache.get(assessment.contentHash);
  if (!entry) {
    let contract: ContractView | null = null;
    let contractError: string | null = null;
    try {
      contract = parseContractView(assessment.openapi);
    } catch (error) {
      contractError = (error as Error).message;
    }
    entry = { briefHtml: renderMarkdown(assessment.brief), contract, contractError };
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(assessment.contentHash, entry);
  }
  return entry;
}
