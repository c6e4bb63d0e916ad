import type { CatalogItemKind } from "../catalog/levels";
import { COMPETENCY_IDS } from "../catalog/competency-ids";

// What a JD asks of each competency, judged by the sections its items sit in, and how that
// lines up with what an assessment actually tests.

export type Requirement = "required" | "nice-to-have" | "mentioned";

export const REQUIREMENT_LABELS: Record<Requirement | "not-in-jd", string> = {
  required: "Required",
  "nice-to-have": "Nice to have",
  mentioned: "Mentioned",
  "not-in-jd": "Not in the JD",
};

const REQUIREMENT_BY_KIND: Record<CatalogItemKind, Requirement> = {
  RESPONSIBILITY: "required",
  REQUIRED_SKILL: "required",
  QUALIFICATION: "required",
  NICE_TO_HAVE: "nice-to-have",
  TOOL: "mentioned",
  METRIC: "mentioned",
  CAREER_PATH: "mentioned",
};

const STRENGTH: Record<Requirement, number> = { required: 3, "nice-to-have": 2, mentioned: 1 };

/** The parts of a JD document coverage needs; a full JdDocument satisfies it. */
export interface JdRequirementSource {
  sections: readonly { kind: CatalogItemKind; items: readonly { text: string; competencyId: string | null }[] }[];
}

export interface JdCompetencyDemand {
  requirement: Requirement;
  /** The JD's own wording for this competency, in document order. */
  items: string[];
}

/**
 * The item kinds that describe a skill. A qualification (a degree, years of experience) or a
 * responsibility carries a competency tag too, but it is not what a test score can be read
 * against, so the scorecard lists only these beside the scores.
 */
export const SKILL_KINDS: ReadonlySet<CatalogItemKind> = new Set(["REQUIRED_SKILL", "NICE_TO_HAVE", "TOOL"]);

export function jdDemands(jd: JdRequirementSource, kinds?: ReadonlySet<CatalogItemKind>): Map<string, JdCompetencyDemand> {
  const demands = new Map<string, JdCompetencyDemand>();
  for (const section of jd.sections) {
    if (kinds && !kinds.has(section.kind)) continue;
    const requirement = REQUIREMENT_BY_KIND[section.kind];
    for (const item of section.items) {
      if (!item.competencyId) continue;
      const current = demands.get(item.competencyId);
      if (!current) {
        demands.set(item.competencyId, { requirement, items: [item.text] });
        continue;
      }
      current.items.push(item.text);
      if (STRENGTH[requirement] > STRENGTH[current.requirement]) current.requirement = requirement;
    }
  }
  return demands;
}

export interface Coverage {
  /** Competencies the JD requires that no test of the assessment checks. */
  requiredNotTested: string[];
  /** Competencies with tests that the JD never mentions. */
  testedNotInJd: string[];
  /** Competencies with tests that carry no weight, so they never move the overall score. */
  testedButUnweighted: string[];
}

function catalogOrder(ids: Iterable<string>): string[] {
  const rank = (id: string) => {
    const index = (COMPETENCY_IDS as readonly string[]).indexOf(id);
    return index === -1 ? COMPETENCY_IDS.length : index;
  };
  return [...new Set(ids)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function coverageFor(
  jdDocument: JdRequirementSource,
  assessmentWeights: Readonly<Record<string, number>>,
  testCompetencies: readonly string[],
): Coverage {
  // The same kinds the scorecard lists beside the scores, so a warning never names a competency
  // that a row calls "not in the JD" (a degree tagged problem-solving is no skill to test).
  const demands = jdDemands(jdDocument, SKILL_KINDS);
  const tested = new Set(testCompetencies);
  return {
    requiredNotTested: catalogOrder([...demands].filter(([id, d]) => d.requirement === "required" && !tested.has(id)).map(([id]) => id)),
    testedNotInJd: catalogOrder([...tested].filter((id) => !demands.has(id))),
    testedButUnweighted: catalogOrder([...tested].filter((id) => !((assessmentWeights[id] ?? 0) > 0))),
  };
}

export function coverageWarnings(coverage: Coverage, nameOf: (id: string) => string): string[] {
  const list = (ids: string[]) => ids.map(nameOf).join(", ");
  const warnings: string[] = [];
  if (coverage.requiredNotTested.length) {
    warnings.push(`The JD requires ${list(coverage.requiredNotTested)}, but the assessment has no test for ${coverage.requiredNotTested.length === 1 ? "it" : "them"}.`);
  }
  if (coverage.testedNotInJd.length) {
    warnings.push(`The assessment tests ${list(coverage.testedNotInJd)}, which the JD never mentions.`);
  }
  if (coverage.testedButUnweighted.length) {
    warnings.push(`Tests for ${list(coverage.testedButUnweighted)} carry no weight, so they do not change the overall score.`);
  }
  return warnings;
}
