import type { Level } from "../catalog/levels";

// The quality panel's rules, as data. The engine in check.ts reads them; adding a term or
// changing a threshold is an edit here, covered by the tests beside it.

export type WordingCategory = "gendered" | "age" | "exclusionary" | "cliche" | "ableist";

export interface WordingRule {
  id: string;
  category: WordingCategory;
  /** Matched as whole words, ignoring case; a space also matches a hyphen or several spaces. */
  terms: string[];
  message: string;
  suggestions: string[];
}

export const WORDING_RULES: WordingRule[] = [
  {
    id: "gendered-he-or-she",
    category: "gendered",
    terms: ["he or she", "he/she", "s/he", "his or her", "his/her", "him or her"],
    message: "Binary pronoun pairs leave people out; use the singular “they” or “you”.",
    suggestions: ["they", "you"],
  },
  {
    id: "gendered-pronoun",
    category: "gendered",
    terms: ["he", "him", "his", "himself", "she", "her", "hers", "herself"],
    message: "A gendered pronoun suggests who you expect to hire; address the reader as “you” or use “they”.",
    suggestions: ["you", "they", "their"],
  },
  {
    id: "gendered-nouns",
    category: "gendered",
    terms: ["manpower", "man-hours", "man hours", "man-days", "chairman", "salesman", "salesmen", "guys", "manned", "workmanlike"],
    message: "Words built on “man” or “guys” read as addressed to men.",
    suggestions: ["staff", "workforce", "person-hours", "chair", "everyone", "team", "staffed"],
  },
  {
    id: "masculine-coded",
    category: "gendered",
    terms: ["aggressive", "aggressively", "dominant", "dominate", "dominating", "fearless", "killer instinct"],
    message: "Strongly masculine-coded words put off many qualified applicants.",
    suggestions: ["proactive", "ambitious", "leading", "confident"],
  },
  {
    id: "age-young",
    category: "age",
    terms: ["young", "youthful", "young and dynamic", "young team"],
    message: "Age-related wording can discriminate by age and is unlawful in many countries.",
    suggestions: ["motivated", "curious", "early-career", "(remove it)"],
  },
  {
    id: "age-digital-native",
    category: "age",
    terms: ["digital native", "digital natives"],
    message: "“Digital native” is a proxy for age.",
    suggestions: ["comfortable with digital tools"],
  },
  {
    id: "age-recent-graduate",
    category: "age",
    terms: ["recent graduate", "recent graduates", "fresh graduate", "fresh graduates", "overqualified"],
    message: "Asking for recent graduates excludes career changers and older applicants.",
    suggestions: ["early-career developer", "new to professional development"],
  },
  {
    id: "exclusionary-native-speaker",
    category: "exclusionary",
    terms: ["native speaker", "native speakers", "native english", "native english speaker", "mother tongue"],
    message: "Native-speaker requirements exclude fluent people by origin; ask for the level you need.",
    suggestions: ["fluent in English", "professional working proficiency in English"],
  },
  {
    id: "exclusionary-culture-fit",
    category: "exclusionary",
    terms: ["culture fit", "cultural fit", "fit in with the team"],
    message: "“Culture fit” invites hiring people like the existing team; say which values matter.",
    suggestions: ["shares our values of …", "adds to our culture"],
  },
  {
    id: "exclusionary-physical",
    category: "exclusionary",
    terms: ["able-bodied", "able bodied", "clean-shaven", "good-looking"],
    message: "Physical requirements unrelated to the work exclude people for no reason.",
    suggestions: ["(remove it)"],
  },
  {
    id: "ableist-language",
    category: "ableist",
    terms: ["sanity check", "crazy", "insane", "lame", "crippled", "tone-deaf"],
    message: "This word uses disability as a metaphor.",
    suggestions: ["quick check", "surprising", "remarkable", "unaware"],
  },
  {
    id: "cliche-rockstar",
    category: "cliche",
    terms: ["rockstar", "rockstars", "rock star", "rock stars", "superstar", "superstars", "unicorn", "unicorns"],
    message: "Hype words are vague and deter people who do not see themselves as stars.",
    suggestions: ["experienced developer", "skilled engineer"],
  },
  {
    id: "cliche-ninja",
    category: "cliche",
    terms: ["ninja", "ninjas", "guru", "gurus", "wizard", "wizards", "jedi", "hacker", "hackers", "code monkey"],
    message: "Jargon titles like “ninja” or “guru” say nothing about the skills needed.",
    suggestions: ["expert", "specialist", "experienced developer"],
  },
  {
    id: "cliche-phrases",
    category: "cliche",
    terms: [
      "work hard play hard",
      "work hard, play hard",
      "hit the ground running",
      "wear many hats",
      "self-starter",
      "crush it",
      "fast-paced environment",
      "we are a family",
      "like a family",
      "100% commitment",
    ],
    message: "A cliché that takes space without telling candidates anything concrete (and can hint at long hours).",
    suggestions: ["say what the work is actually like"],
  },
];

export interface LevelRule {
  /** Required skills plus qualifications above this make a JD read as a wish list. */
  maxRequiredItems: number;
  /** Whether a degree is a fair requirement at this level; otherwise ask for equivalent experience too. */
  degreeNeeded: boolean;
  /** Asking for more years than this does not fit the level. Null: no upper bound. */
  maxYearsExperience: number | null;
}

export const LEVEL_RULES: Record<Level, LevelRule> = {
  JUNIOR: { maxRequiredItems: 10, degreeNeeded: false, maxYearsExperience: 2 },
  INTERMEDIATE: { maxRequiredItems: 14, degreeNeeded: false, maxYearsExperience: 5 },
  SENIOR: { maxRequiredItems: 14, degreeNeeded: false, maxYearsExperience: null },
};

export const DEGREE_PATTERN = /\b(degree|bachelor'?s?|master'?s?|b\.?sc|m\.?sc|ph\.?d|diploma)\b/i;
// A degree requirement that also accepts experience is fine at any level.
export const DEGREE_ALTERNATIVE_PATTERN = /\b(equivalent|or similar|comparable|practical experience|or relevant experience)\b/i;

export const READING_EASE = {
  /** Flesch reading ease below this is very hard to read. */
  hard: 30,
  /** Below this is fairly difficult; job ads do best at 50 or more. */
  fair: 50,
} as const;
