import { applyHref, type JdDocument } from "./document";

// What a JD needs before it goes live beyond the Google for Jobs fields json-ld.ts checks, as
// data: the engine below reads them; adding a rule is an entry here, tested through its example.

export interface PublishingRule {
  id: string;
  /** Shown in the quality panel and in the refusal when someone tries to publish. */
  message: string;
  /** True when the document breaks the rule. */
  fails: (doc: JdDocument) => boolean;
  /** Turns a publishable document into one that breaks the rule; the tests check every rule with it. */
  example: (doc: JdDocument) => JdDocument;
}

export const PUBLISHING_RULES: readonly PublishingRule[] = [
  {
    // The public page, the PDF and the JSON-LD all link to the JD's own applyTo: without one a
    // live posting gives candidates no way to apply.
    id: "missing-apply-to",
    message: "Add where candidates apply: a URL or an email.",
    fails: (doc) => applyHref(doc.applyTo) === null,
    example: (doc) => ({ ...doc, applyTo: " " }),
  },
];

/** The message of every rule the document breaks, in the rules' order. */
export function publishingRuleProblems(doc: JdDocument, rules: readonly PublishingRule[] = PUBLISHING_RULES): string[] {
  return rules.filter((rule) => rule.fails(doc)).map((rule) => rule.message);
}
