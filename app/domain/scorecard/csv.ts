import { stringify } from "csv-stringify/sync";

// RFC 4180 CSV (written by csv-stringify) that spreadsheets open safely (OWASP "CSV injection"):
// every text cell is quoted, and a formula character at the start of a cell or right after a
// `;`, `,`, tab or line break gets a leading quote, so a spreadsheet that splits cells on `;`
// (European locales) or re-splits pasted text still shows the text instead of evaluating it.

export type CsvValue = string | number | boolean | Date | null | undefined;

const FORMULA_AT_START = /^[=+\-@\t\r]/;
const FORMULA_AFTER_SEPARATOR = /([;,\t\r\n])([=+\-@])/g;

export function neutraliseFormula(text: string): string {
  const inner = text.replace(FORMULA_AFTER_SEPARATOR, "$1'$2");
  return FORMULA_AT_START.test(inner) ? `'${inner}` : inner;
}

function cellValue(value: CsvValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value ? "true" : "false";
  return neutraliseFormula(value);
}

/** Starts with a byte-order mark so spreadsheet programs read the file as UTF-8. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const body = stringify(
    [header.map(cellValue), ...rows.map((row) => row.map(cellValue))],
    { quoted_string: true, record_delimiter: "windows", cast: { number: (n) => String(n) } },
  );
  return `\uFEFF${body}`;
}
