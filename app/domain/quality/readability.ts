// Flesch reading ease: 206.835 − 1.015 × (words ÷ sentences) − 84.6 × (syllables ÷ words).
// Syllables are estimated by counting vowel groups, the usual approximation for English.

export function countSyllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, "");
  if (w.length === 0) return 0;
  if (w.length <= 3) return 1;
  const trimmed = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, "").replace(/^y/, "");
  const groups = trimmed.match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups?.length ?? 1);
}

/** Each entry is a separate block of text: a list item with no full stop still ends a sentence. */
export function fleschReadingEase(blocks: readonly string[]): number | null {
  let sentences = 0;
  let words = 0;
  let syllables = 0;
  for (const block of blocks) {
    const blockWords = block.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
    if (blockWords.length === 0) continue;
    sentences += Math.max(1, (block.match(/[.!?]+(\s|$)/g) ?? []).length);
    words += blockWords.length;
    syllables += blockWords.reduce((sum, word) => sum + countSyllables(word), 0);
  }
  if (words === 0) return null;
  const score = 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words);
  return Math.round(score * 10) / 10;
}

export function readingEaseLabel(score: number): string {
  if (score >= 70) return "easy";
  if (score >= 50) return "fairly easy";
  if (score >= 30) return "fairly difficult";
  return "very difficult";
}
