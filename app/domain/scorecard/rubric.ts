import type { Level } from "../catalog/levels";
import type { RatingValue } from "./ratings";

// What each rating means for one competency at the JD's level. The catalog holds, per
// competency, what a junior, an intermediate and a senior engineer are expected to show (seeded
// from the seed documents' level expectations); a rating places the candidate on that ladder
// relative to the level being hired for.

export interface LevelExpectations {
  junior: string;
  intermediate: string;
  senior: string;
}

export interface RubricStep {
  /** One line: where on the ladder this rating puts the candidate. */
  meaning: string;
  /** The catalog's expectation that rating is measured against, when there is one. */
  anchor: string | null;
}

export type Rubric = Record<RatingValue, RubricStep>;

export function rubricFor(level: Level, e: LevelExpectations): Rubric {
  switch (level) {
    case "JUNIOR":
      return {
        STRONG_NO: { meaning: "Well short of the junior expectation", anchor: e.junior },
        NO: { meaning: "Some of the junior expectation, with gaps you can name", anchor: e.junior },
        YES: { meaning: "Meets the junior expectation", anchor: e.junior },
        STRONG_YES: { meaning: "Beyond junior: already shows intermediate traits", anchor: e.intermediate },
      };
    case "INTERMEDIATE":
      return {
        STRONG_NO: { meaning: "Below the junior expectation", anchor: e.junior },
        NO: { meaning: "At junior level, not yet intermediate", anchor: e.junior },
        YES: { meaning: "Meets the intermediate expectation", anchor: e.intermediate },
        STRONG_YES: { meaning: "Beyond intermediate: shows senior traits", anchor: e.senior },
      };
    case "SENIOR":
      return {
        STRONG_NO: { meaning: "At or below the junior expectation", anchor: e.junior },
        NO: { meaning: "At intermediate level, not yet senior", anchor: e.intermediate },
        YES: { meaning: "Meets the senior expectation", anchor: e.senior },
        STRONG_YES: { meaning: "Beyond the senior expectation: sets the standard others would follow", anchor: null },
      };
  }
}
