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
  /** Sentences the rule must flag; the tests check every one, so each rule has its own test. */
  examples: string[];
}

export const WORDING_RULES: WordingRule[] = [
  {
    id: "gendered-he-or-she",
    category: "gendered",
    terms: ["he or she", "he/she", "s/he", "his or her", "his/her", "him or her"],
    message: "Binary pronoun pairs leave people out; use the singular “they” or “you”.",
    suggestions: ["they", "you"],
    examples: ["He or she will review code", "Send his/her CV"],
  },
  {
    id: "gendered-pronoun",
    category: "gendered",
    terms: ["he", "him", "his", "himself", "she", "her", "hers", "herself"],
    message: "A gendered pronoun suggests who you expect to hire; address the reader as “you” or use “they”.",
    suggestions: ["you", "they", "their"],
    examples: ["He will own the billing service"],
  },
  {
    id: "gendered-nouns",
    category: "gendered",
    terms: ["manpower", "man-hours", "man hours", "man-days", "chairman", "salesman", "salesmen", "manned", "workmanlike"],
    message: "Words built on “man” read as addressed to men.",
    suggestions: ["staff", "workforce", "person-hours", "chair", "everyone", "team", "staffed"],
    examples: ["We lack manpower", "Reports to the chairman"],
  },
  {
    id: "gendered-guys",
    category: "gendered",
    terms: ["guy", "guys", "you guys"],
    message: "“Guys” reads as addressed to men, even when meant for everyone.",
    suggestions: ["everyone", "team", "folks", "people"],
    examples: ["Hey guys, we are hiring", "The API guy on the team"],
  },
  {
    id: "masculine-coded",
    category: "gendered",
    terms: ["aggressive", "aggressively", "dominant", "dominate", "dominating", "fearless", "killer instinct"],
    message: "Strongly masculine-coded words put off many qualified applicants.",
    suggestions: ["proactive", "ambitious", "leading", "confident"],
    examples: ["An aggressive approach to deadlines"],
  },
  {
    id: "age-young",
    category: "age",
    terms: ["young", "youthful", "young and dynamic", "young team"],
    message: "Age-related wording can discriminate by age and is unlawful in many countries.",
    suggestions: ["motivated", "curious", "early-career", "(remove it)"],
    examples: ["Join our young and dynamic team"],
  },
  {
    id: "age-energetic",
    category: "age",
    terms: ["energetic", "high-energy", "high energy"],
    message: "“Energetic” is commonly read as code for “young” and puts off older applicants.",
    suggestions: ["motivated", "enthusiastic about …", "(remove it)"],
    examples: ["An energetic developer", "Join a high-energy team"],
  },
  {
    id: "age-digital-native",
    category: "age",
    terms: ["digital native", "digital natives"],
    message: "“Digital native” is a proxy for age.",
    suggestions: ["comfortable with digital tools"],
    examples: ["Ideal for a digital native"],
  },
  {
    id: "age-recent-graduate",
    category: "age",
    terms: ["recent graduate", "recent graduates", "fresh graduate", "fresh graduates", "overqualified"],
    message: "Asking for recent graduates excludes career changers and older applicants.",
    suggestions: ["early-career developer", "new to professional development"],
    examples: ["Perfect for recent graduates"],
  },
  {
    id: "exclusionary-native-speaker",
    category: "exclusionary",
    terms: ["native speaker", "native speakers", "native english", "native english speaker", "mother tongue"],
    message: "Native-speaker requirements exclude fluent people by origin; ask for the level you need.",
    suggestions: ["fluent in English", "professional working proficiency in English"],
    examples: ["Native English speaker"],
  },
  {
    id: "exclusionary-culture-fit",
    category: "exclusionary",
    terms: ["culture fit", "cultural fit", "fit in with the team"],
    message: "“Culture fit” invites hiring people like the existing team; say which values matter.",
    suggestions: ["shares our values of …", "adds to our culture"],
    examples: ["You are a great culture fit"],
  },
  {
    id: "exclusionary-physical",
    category: "exclusionary",
    terms: ["able-bodied", "able bodied", "clean-shaven", "good-looking"],
    message: "Physical requirements unrelated to the work exclude people for no reason.",
    suggestions: ["(remove it)"],
    examples: ["Able-bodied applicants only"],
  },
  {
    id: "ableist-language",
    category: "ableist",
    terms: ["sanity check", "crazy", "insane", "lame", "crippled", "tone-deaf"],
    message: "This word uses disability as a metaphor.",
    suggestions: ["quick check", "surprising", "remarkable", "unaware"],
    examples: ["Run a sanity check on the data"],
  },
  {
    id: "cliche-rockstar",
    category: "cliche",
    terms: ["rockstar", "rockstars", "rock star", "rock stars", "superstar", "superstars", "unicorn", "unicorns"],
    message: "Hype words are vague and deter people who do not see themselves as stars.",
    suggestions: ["experienced developer", "skilled engineer"],
    examples: ["We want a rockstar developer"],
  },
  {
    id: "cliche-ninja",
    category: "cliche",
    terms: ["ninja", "ninjas", "guru", "gurus", "wizard", "wizards", "jedi", "hacker", "hackers", "code monkey"],
    message: "Jargon titles like “ninja” or “guru” say nothing about the skills needed.",
    suggestions: ["expert", "specialist", "experienced developer"],
    examples: ["Are you a coding ninja?"],
  },
  {
    id: "cliche-fast-paced",
    category: "cliche",
    terms: ["fast-paced", "fast paced", "fast-paced environment", "high-pressure", "high pressure"],
    message: "“Fast-paced” often reads as long hours and constant pressure; say how the team actually works.",
    suggestions: ["we ship small changes several times a day", "say what a normal week looks like"],
    examples: ["A fast-paced startup", "You thrive in a fast paced environment"],
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
      "we are a family",
      "like a family",
      "100% commitment",
    ],
    message: "A cliché that takes space without telling candidates anything concrete (and can hint at long hours).",
    suggestions: ["say what the work is actually like"],
    examples: ["You hit the ground running"],
  },
];

export interface LevelRule {
  /** Required skills plus qualifications above this make a JD read as a wish list. */
  maxRequiredItems: number;
  /** Whether a degree is a fair requirement at this level; otherwise ask for equivalent experience too. */
  degreeNeeded: boolean;
  /** Asking for more years than this does not fit the level. Null: no upper bound. */
  maxYearsExperience: number | null;
  /** More tools than this in "Our stack" reads as a list of everything rather than the team's stack. */
  maxTools: number;
}

export const LEVEL_RULES: Record<Level, LevelRule> = {
  JUNIOR: { maxRequiredItems: 10, degreeNeeded: false, maxYearsExperience: 2, maxTools: 8 },
  INTERMEDIATE: { maxRequiredItems: 14, degreeNeeded: false, maxYearsExperience: 5, maxTools: 14 },
  SENIOR: { maxRequiredItems: 14, degreeNeeded: false, maxYearsExperience: null, maxTools: 16 },
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

/** Splits a tool item into the tools it names: "Redis and Memcached" is two. */
export const TOOL_SEPARATOR = /\s*(?:,|\band\b|\bor\b|\/)\s*/i;
