import { execFileSync } from "node:child_process";

// Reads a PDF's word boxes with poppler's `pdftotext -bbox` and finds words drawn on top of each
// other: the symptom of a label that did not wrap inside its column.

export interface WordBox {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export function wordBoxes(file: string): WordBox[] {
  const xhtml = execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const boxes: WordBox[] = [];
  let page = 0;
  for (const match of xhtml.matchAll(/<page\b|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (match[0] === "<page") {
      page += 1;
      continue;
    }
    boxes.push({ page, text: match[5], xMin: Number(match[1]), yMin: Number(match[2]), xMax: Number(match[3]), yMax: Number(match[4]) });
  }
  return boxes;
}

/** Pairs of words on the same page whose boxes intersect by more than `tolerance` points both ways. */
export function overlappingWords(boxes: readonly WordBox[], tolerance = 1): [WordBox, WordBox][] {
  const found: [WordBox, WordBox][] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a.page !== b.page) continue;
      const x = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const y = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      if (x > tolerance && y > tolerance) found.push([a, b]);
    }
  }
  return found;
}

export function pageCount(file: string): number {
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}
