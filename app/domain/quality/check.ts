import { LEVEL_LABELS } from "../catalog/levels";
import type { JdDocument } from "../jd/document";
import { fleschReadingEase, readingEaseLabel } from "./readability";
import {
  DEGREE_ALTERNATIVE_PATTERN,
  DEGREE_PATTERN,
  LEVEL_RULES,
  READING_EASE,
  TOOL_SEPARATOR,
  WORDING_RULES,
  type LevelRule,
  type WordingRule,
} from "./rules";
import type { Level } from "../catalog/levels";

export type Severity = "warning" | "info";

export interface QualityFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Where the problem is: a document field, and the item when it is in a section. */
  location: { field: string; label: string; itemId?: string };
  match?: string;
  suggestions: string[];
}

export interface QualityReport {
  findings: QualityFinding[];
  readingEase: number | null;
  readingLabel: string | null;
  requiredItems: number;
}

export interface QualityRules {
  wording: readonly WordingRule[];
  levels: Record<Level, LevelRule>;
}

interface TextBlock {
  field: string;
  label: string;
  itemId?: string;
  text: string;
}

function textBlocks(doc: JdDocument): TextBlock[] {
  return [
    { field: "title", label: "Title", text: doc.title },
    { field: "summary", label: "Summary", text: doc.summary },
    { field: "aboutCompany", label: "About the company", text: doc.aboutCompany },
    ...doc.sections.flatMap((section) =>
      section.items.map((item) => ({ field: `section.${section.kind}`, label: section.heading, itemId: item.id, text: item.text })),
    ),
    ...doc.benefits.map((text, index) => ({ field: "benefits", label: `Benefit ${index + 1}`, text })),
    { field: "howToApply", label: "How to apply", text: doc.howToApply },
  ].filter((block) => block.text.trim().length > 0);
}

function termPattern(term: string): string {
  return term
    .split(/[\s-]+/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
    .join("[\\s-]+");
}

interface CompiledRule {
  rule: WordingRule;
  regex: RegExp;
}

const compiledCache = new WeakMap<readonly WordingRule[], CompiledRule[]>();

function compile(rules: readonly WordingRule[]): CompiledRule[] {
  let compiled = compiledCache.get(rules);
  if (!compiled) {
    compiled = rules.map((rule) => ({
      rule,
      regex: new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...rule.terms].sort((a, b) => b.length - a.length).map(termPattern).join("|")})(?![\\p{L}\\p{N}])`, "giu"),
    }));
    compiledCache.set(rules, compiled);
  }
  return compiled;
}

/** Every wording match in a text, longest first where matches overlap ("he or she" beats "he"). */
export function findWording(text: string, rules: readonly WordingRule[] = WORDING_RULES) {
  const matches: { rule: WordingRule; start: number; end: number; match: string }[] = [];
  for (const { rule, regex } of compile(rules)) {
    for (const m of text.matchAll(regex)) {
      matches.push({ rule, start: m.index, end: m.index + m[0].length, match: m[0] });
    }
  }
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: typeof matches = [];
  for (const m of matches) {
    const last = kept[kept.length - 1];
    if (!last || m.start >= last.end) kept.push(m);
  }
  return kept;
}

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const YEARS_PATTERN = /\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:\+|plus)?\s*(?:or more\s+)?years?\b/gi;

const WORDING_RULE_IDS = new Set(WORDING_RULES.map((rule) => rule.id));

/** The inclusive-language findings: publishing asks for a confirmation listing these. */
export function wordingFindings(report: QualityReport): QualityFinding[] {
  return report.findings.filter((finding) => WORDING_RULE_IDS.has(finding.ruleId));
}

export function checkQuality(doc: JdDocument, rules: QualityRules = { wording: WORDING_RULES, levels: LEVEL_RULES }): QualityReport {
  const findings: QualityFinding[] = [];
  const blocks = textBlocks(doc);
  const levelRule = rules.levels[doc.level];
  const levelName = LEVEL_LABELS[doc.level].toLowerCase();

  for (const block of blocks) {
    const location = { field: block.field, label: block.label, ...(block.itemId ? { itemId: block.itemId } : {}) };
    for (const m of findWording(block.text, rules.wording)) {
      findings.push({
        ruleId: m.rule.id,
        severity: "warning",
        message: `“${m.match}”: ${m.rule.message}`,
        location,
        match: m.match,
        suggestions: m.rule.suggestions,
      });
    }
    if (levelRule.maxYearsExperience !== null) {
      for (const m of block.text.matchAll(YEARS_PATTERN)) {
        const raw = m[1]!.toLowerCase();
        const years = NUMBER_WORDS[raw] ?? Number(raw);
        if (years > levelRule.maxYearsExperience) {
          findings.push({
            ruleId: "experience-above-level",
            severity: "warning",
            message: `Asks for ${years} years of experience, more than a ${levelName} role needs (up to ${levelRule.maxYearsExperience}).`,
            location,
            match: m[0],
            suggestions: [`${levelRule.maxYearsExperience} years`, "describe the skills instead of years"],
          });
        }
      }
    }
  }

  const requiredSections = doc.sections.filter((s) => s.kind === "REQUIRED_SKILL" || s.kind === "QUALIFICATION");
  const requiredItems = requiredSections.reduce((sum, s) => sum + s.items.length, 0);
  if (requiredItems > levelRule.maxRequiredItems) {
    findings.push({
      ruleId: "too-many-requirements",
      severity: "warning",
      message: `${requiredItems} required skills and qualifications is a lot for a ${levelName} role (aim for ${levelRule.maxRequiredItems} or fewer); long lists discourage qualified people from applying. Move some to “Nice to have”.`,
      location: { field: "sections", label: requiredSections.map((s) => s.heading).join(" and ") },
      suggestions: [],
    });
  }

  const tools = doc.sections.find((s) => s.kind === "TOOL");
  const toolCount = tools ? tools.items.reduce((sum, item) => sum + item.text.split(TOOL_SEPARATOR).filter((t) => t.trim()).length, 0) : 0;
  if (tools && toolCount > levelRule.maxTools) {
    findings.push({
      ruleId: "too-many-tools",
      severity: "warning",
      message: `“${tools.heading}” names ${toolCount} tools; more than ${levelRule.maxTools} reads as a list of everything rather than the stack a ${levelName} developer will use. Keep the ones the team works with.`,
      location: { field: "section.TOOL", label: tools.heading },
      suggestions: [],
    });
  }

  if (!levelRule.degreeNeeded) {
    for (const section of requiredSections) {
      for (const item of section.items) {
        if (DEGREE_PATTERN.test(item.text) && !DEGREE_ALTERNATIVE_PATTERN.test(item.text)) {
          findings.push({
            ruleId: "degree-not-needed",
            severity: "warning",
            message: `A ${levelName} backend role does not need a degree; requiring one excludes self-taught and career-changing developers.`,
            location: { field: `section.${section.kind}`, label: section.heading, itemId: item.id },
            match: item.text.match(DEGREE_PATTERN)?.[0],
            suggestions: ["add “or equivalent practical experience”", "move it to “Nice to have”"],
          });
        }
      }
    }
  }

  if (!doc.salary) {
    findings.push({
      ruleId: "missing-salary",
      severity: "warning",
      message: "No salary range: many candidates skip ads without pay, pay-transparency rules increasingly require it, and Google for Jobs expects it.",
      location: { field: "salary", label: "Salary" },
      suggestions: [],
    });
  }

  for (const kind of ["RESPONSIBILITY", "REQUIRED_SKILL"] as const) {
    const section = doc.sections.find((s) => s.kind === kind);
    if (!section || section.items.length === 0) {
      findings.push({
        ruleId: "empty-section",
        severity: "warning",
        message: `“${section?.heading ?? kind}” is empty; candidates need to know what the job involves and asks for.`,
        location: { field: `section.${kind}`, label: section?.heading ?? kind },
        suggestions: [],
      });
    }
  }
  if (!doc.howToApply.trim()) {
    findings.push({
      ruleId: "missing-how-to-apply",
      severity: "info",
      message: "Say how to apply and what happens next.",
      location: { field: "howToApply", label: "How to apply" },
      suggestions: [],
    });
  }

  const readingEase = fleschReadingEase(blocks.filter((b) => b.field !== "title").map((b) => b.text));
  if (readingEase !== null && readingEase < READING_EASE.fair) {
    findings.push({
      ruleId: "reading-level",
      severity: readingEase < READING_EASE.hard ? "warning" : "info",
      message: `Reading ease ${readingEase} (${readingEaseLabel(readingEase)}); aim for ${READING_EASE.fair} or more with shorter sentences and plainer words.`,
      location: { field: "document", label: "Whole text" },
      suggestions: [],
    });
  }

  return {
    findings,
    readingEase,
    readingLabel: readingEase === null ? null : readingEaseLabel(readingEase),
    requiredItems,
  };
}
