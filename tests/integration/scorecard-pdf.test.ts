import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COMPETENCY_IDS } from "~/domain/catalog/competency-ids";
import { COMPETENCY_NAMES } from "~/domain/jd/competency-names";
import type { ScorecardDetail, TestRow } from "~/lib/scorecard.server";
import { scorecardPdfStream } from "~/lib/scorecard-pdf.server";
import { overlappingWords, pageCount, wordBoxes, type WordBox } from "./scorecard-pdf-layout";

// A typical candidate: a JD naming 12 competencies, 24 tests (some failing, with messages), three
// attempts, two submitted reviews with notes and code comments. The heavy card (every catalog
// competency, 40 tests) checks only that nothing overlaps however long the document gets.

const dir = mkdtempSync(path.join(tmpdir(), "hirekit-scorecard-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LONG_NAMES: Record<string, string> = { "languages-frameworks": "Programming languages and frameworks", security: "Application security (OWASP)" };
const nameOf = (id: string) => LONG_NAMES[id] ?? COMPETENCY_NAMES[id as keyof typeof COMPETENCY_NAMES];
const tested = ["api-design", "database-design", "security", "automated-testing", "performance"];

function card(heavy = false): ScorecardDetail {
  const ids = heavy ? COMPETENCY_IDS : COMPETENCY_IDS.slice(0, 12);
  const tests: TestRow[] = Array.from({ length: heavy ? 40 : 24 }, (_, i) => ({
    testId: `t-${i}`,
    title: heavy ? `Test ${i}: the service answers the ${i % 2 ? "list" : "create"} request as the contract describes, with paging and validation` : `${i % 2 ? "Lists" : "Creates"} items (case ${i})`,
    competencyId: tested[i % tested.length],
    competencyName: nameOf(tested[i % tested.length]),
    points: 1 + (i % 3),
    visibility: i % 4 === 0 ? "HIDDEN" : "PUBLIC",
    outcome: i % 5 === 0 ? "FAILED" : "PASSED",
    message: i % 5 === 0 ? `expected status 400 for a body without a name, got 500 with a stack trace in the body (${"x".repeat(200)})` : null,
    durationMs: 12,
    evidence: { exchanges: [], omitted: 0, unreadable: false },
  }));
  const competencies = ids.map((id) => ({
    id,
    name: nameOf(id),
    weight: tested.includes(id) ? 20 : 0,
    score: tested.includes(id) ? { earned: 3, possible: 4, score: 0.75 } : null,
    testsPassed: tested.includes(id) ? 5 : 0,
    testsTotal: tested.includes(id) ? 6 : 0,
    requirement: "required" as const,
    jdItems: [heavy ? `Uses ${nameOf(id).toLowerCase()} well in a team with a long description that has to wrap inside its own column` : `Uses ${nameOf(id).toLowerCase()} day to day`],
    expectation: "Expected at this level",
    assessed: tested.includes(id),
  }));
  const review = (n: number) => ({
    id: `r${n}`,
    reviewerId: `u${n}`,
    reviewerName: n === 1 ? "Mona Manager with a rather long name" : "Ada Admin",
    recommendation: "YES" as const,
    notes: "Clear structure, good tests; the error handling in the store needs work before production.",
    submittedAt: "2026-11-30T10:00:00.000Z",
    updatedAt: "2026-11-30T10:00:00.000Z",
    ratings: Object.fromEntries(tested.map((id) => [id, { rating: "YES" as const, note: id === "security" ? "Escapes output, validates input" : "" }])),
    comments: [
      { id: `c${n}a`, submissionId: "s3", attempt: 3, path: "src/routes/items.js", line: 42, body: "This swallows the database error and answers 200." },
      { id: `c${n}b`, submissionId: "s3", attempt: 3, path: "README.md", line: null, body: "Good run instructions." },
    ],
  });
  const attempt = (n: number) => ({ attempt: n, status: "GRADED", overallScore: 0.5 + n / 10, createdAt: `2026-11-2${n}T10:00:00.000Z`, finishedAt: null, failureReason: null });
  return {
    invitation: { id: "00000000-0000-4000-8000-000000000001", candidateName: "Zoë Łukasiewicz-Ångström", candidateEmail: "zoe@example.com", deadline: "2026-12-01T00:00:00.000Z", createdAt: "2026-11-20T00:00:00.000Z" },
    assessment: { id: "junior", slug: "junior-inventory-api", title: "Inventory API: items and stock movements", level: "JUNIOR", weights: {} },
    jd: { id: "jd", title: "Junior Backend Developer", level: "JUNIOR", version: 3, document: null, problem: null },
    attempts: [1, 2, 3].map(attempt),
    countedAttempt: 3,
    selected: attempt(3),
    competencies,
    coverage: null,
    coverageWarnings: ["The JD requires Caching, CI/CD, Observability, but the assessment has no test for them."],
    reviews: { own: null, others: [review(1), review(2)], hiddenCount: 0 },
    rubrics: {},
    context: { count: 12, minCount: 5, percentile: 67, bins: [0, 0, 1, 1, 2, 3, 2, 2, 1, 0] },
    similarity: { checked: true, matches: [] },
    tests,
    buildLog: null,
    runLog: null,
    timings: [],
  };
}

async function render(heavy = false): Promise<string> {
  const file = path.join(dir, heavy ? "heavy.pdf" : "card.pdf");
  const stream = scorecardPdfStream(card(heavy), new Date("2026-12-01T04:00:00Z"));
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

describe("scorecard PDF layout", () => {
  it("fits a typical candidate on at most three pages", async () => {
    expect(pageCount(await render())).toBeLessThanOrEqual(3);
  });

  it.each([false, true])("draws no word over another (heavy card: %s)", async (heavy) => {
    const boxes = wordBoxes(await render(heavy));
    expect(boxes.length).toBeGreaterThan(300);
    const overlaps = overlappingWords(boxes).map(([a, b]: [WordBox, WordBox]) => `p${a.page} "${a.text}" × "${b.text}"`);
    expect(overlaps).toEqual([]);
  });

  it("uses the scorecard's competency names and shows Not assessed, never an invented rating", async () => {
    const file = await render();
    const content = execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    for (const name of ["Programming languages and frameworks", "Application security (OWASP)", "Caching"]) expect(content).toContain(name);
    expect(content).not.toContain("Back-end languages and frameworks");
    expect(content).toContain("Not assessed");
    expect(content).toContain("src/routes/items.js:42");
    expect(content).toContain("67th percentile of 12 graded");
  });

  it("never leaves a table header at the foot of a page without a row", async () => {
    const file = await render(true);
    const boxes = wordBoxes(file);
    const pages = Math.max(...boxes.map((b) => b.page));
    for (let page = 1; page <= pages; page++) {
      const onPage = boxes.filter((b) => b.page === page && b.yMax < 842 - 50);
      const lowest = onPage.reduce((a, b) => (b.yMax > a.yMax ? b : a));
      expect(["Result", "Competency", "Attempt", "Code", "Comment"]).not.toContain(lowest.text);
    }
  });
});

