import { execFileSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyOperation } from "~/domain/jd/operations";
import { completeJd } from "~/domain/jd/test-fixtures";
import type { JdDocument } from "~/domain/jd/document";
import { jdPdfStream, renderJdPdf } from "./jd-pdf.server";

const dir = mkdtempSync(path.join(tmpdir(), "hirekit-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
async function render(doc: JdDocument): Promise<string> {
  const file = path.join(dir, `jd-${counter++}.pdf`);
  await renderJdPdf(doc, createWriteStream(file));
  return file;
}

const text = (file: string, page?: number) =>
  execFileSync("pdftotext", [...(page ? ["-f", String(page), "-l", String(page)] : []), "-enc", "UTF-8", file, "-"], { encoding: "utf8" });

function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync("pdfinfo", ["-enc", "UTF-8", file], { encoding: "utf8" });
  return Object.fromEntries(out.split("\n").filter(Boolean).map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trim()]));
}

// pdftotext breaks lines where the PDF wrapped them; compare with whitespace collapsed.
const normalize = (value: string) => value.replace(/\u00a0/g, " ").replace(/\s+/g, " ").replace(/- /g, "-").trim();

// A 2×2 PNG written by Python's zlib, so the test needs no image file in the repository.
const PNG_SCRIPT = [
  "import zlib,struct,sys",
  "def chunk(t,d): return struct.pack('>I',len(d))+t+d+struct.pack('>I',zlib.crc32(t+d)&0xffffffff)",
  "raw=b''.join(b'\\x00'+b'\\x1f\\x4e\\x79'*2 for _ in range(2))",
  "sys.stdout.buffer.write(b'\\x89PNG\\r\\n\\x1a\\n'+chunk(b'IHDR',struct.pack('>IIBBBBB',2,2,8,2,0,0,0))+chunk(b'IDAT',zlib.compress(raw))+chunk(b'IEND',b''))",
].join("\n");

const polishTitle = "Młodszy programista backend — Żółć, Ψ и Разработчик";

describe("JD PDF export", () => {
  it("contains every section and item in order, with sane page count and numbering", async () => {
    const doc = { ...completeJd("JUNIOR"), title: polishTitle };
    const file = await render(doc);
    const extracted = normalize(text(file));
    const expected = [
      doc.title,
      doc.summary,
      "About us",
      doc.aboutCompany,
      ...doc.sections.flatMap((s) => [s.heading, ...s.items.map((i) => i.text)]),
      "Benefits",
      ...doc.benefits,
      "How to apply",
      doc.howToApply,
      "Applications close on 31 March 2030.",
    ];
    let cursor = 0;
    for (const piece of expected) {
      const at = extracted.indexOf(normalize(piece), cursor);
      expect(at, `"${piece}" after position ${cursor}`).toBeGreaterThanOrEqual(0);
      cursor = at + normalize(piece).length;
    }
    const pages = Number(pdfInfo(file).Pages);
    expect(pages).toBe(2);
    for (let page = 1; page <= pages; page++) expect(text(file, page)).toContain(`Page ${page} of ${pages}`);
  });

  it("links to the apply address, shows the logo and fits a typical senior JD on two pages", async () => {
    const logo = execFileSync("python3", ["-c", PNG_SCRIPT]);
    const file = path.join(dir, "apply.pdf");
    await renderJdPdf({ ...completeJd("SENIOR"), applyTo: "https://jobs.example/apply/senior" }, createWriteStream(file), { logo });
    expect(normalize(text(file))).toContain("Apply: https://jobs.example/apply/senior");
    // The link is a real annotation, not only text.
    expect(execFileSync("pdfinfo", ["-url", file], { encoding: "utf8" })).toContain("https://jobs.example/apply/senior");
    expect(execFileSync("pdfimages", ["-list", file], { encoding: "utf8" })).toMatch(/\n\s*1\s+0\s+image/);
    expect(Number(pdfInfo(file).Pages)).toBe(2);
  });

  it("never wraps a salary range in the middle", async () => {
    // Team names of growing length move the salary through every position on the facts line.
    for (let extra = 0; extra < 60; extra += 3) {
      const doc = { ...completeJd(), team: `Payments ${"x".repeat(extra)}`, salary: { min: 160000, max: 220000, currency: "PLN" as const, period: "YEAR" as const } };
      const line = text(await render(doc), 1)
        .split("\n")
        .find((l) => l.includes("160"))!;
      expect(line, `team padding ${extra}`).toContain("220");
    }
  });

  it("sets the metadata", async () => {
    const doc = completeJd("SENIOR");
    const info = pdfInfo(await render(doc));
    expect(info.Title).toBe("Senior Backend Developer");
    expect(info.Author).toBe("Northwind Labs");
    expect(info.Keywords).toBe(doc.seo.keywords.join(", "));
    expect(info.Subject).toContain("Senior");
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(2);
    expect(Number(info.Pages)).toBeLessThanOrEqual(4);
  });

  it("renders a non-ASCII title with an embedded font", async () => {
    const file = await render({ ...completeJd(), title: polishTitle });
    expect(normalize(text(file, 1))).toContain(normalize(polishTitle));
    expect(pdfInfo(file).Title).toBe(polishTitle);
    const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" });
    expect(fonts).toMatch(/DejaVuSans\s.*yes\s+yes/);
  });

  it("never leaves a heading alone at the bottom of a page", async () => {
    const headings = new Set(["About us", "Benefits", "How to apply", ...completeJd().sections.map((s) => s.heading)]);
    let pagesChecked = 0;
    // Growing the first section pushes every later heading through every position on the page.
    let doc = completeJd("JUNIOR");
    for (let extra = 0; extra < 24; extra++) {
      const pages = text(await render(doc)).split("\f").filter((page) => page.trim());
      for (let page = 1; page < pages.length; page++) {
        const lines = pages[page - 1]!
          .split("\n")
          .map((line) => line.trim())
          .filter((line) => line && !/^Page \d+ of \d+$/.test(line) && !line.startsWith("Northwind Labs"));
        expect(headings.has(lines.at(-1)!), `page ${page} of variant ${extra} ends with heading "${lines.at(-1)}"`).toBe(false);
        pagesChecked++;
      }
      doc = applyOperation(doc, { op: "add-custom-item", kind: "RESPONSIBILITY", text: `Own part ${extra + 1} of the billing roadmap together with product and design.`, competencyId: null });
    }
    expect(pagesChecked).toBeGreaterThan(24);
  });

  it("streams the file in chunks", async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of jdPdfStream(completeJd())) chunks.push(chunk as Buffer);
    const pdf = Buffer.concat(chunks);
    expect(chunks.length).toBeGreaterThan(1);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.subarray(-6).toString()).toContain("%%EOF");
  });

  it("explains a missing font", async () => {
    const stream = jdPdfStream(completeJd(), { fontDir: path.join(dir, "no-fonts") });
    await expect(async () => {
      for await (const chunk of stream) void chunk;
    }).rejects.toThrow(/needs the DejaVu fonts.*apt-get install fonts-dejavu-core/);
  });
});
