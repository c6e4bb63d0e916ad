// Parses the bulk-invite CSV: a header row naming name and email (deadline optional), then one
// candidate per row. A problem with the FILE (no header, wrong columns, broken quoting, too many
// rows) rejects everything; a problem with one ROW is reported with its line number while the
// valid rows go ahead.
import { z } from "zod";
import { safeText } from "../safe-text";

export const CSV_MAX_ROWS = 500;
export const CSV_MAX_BYTES = 512 * 1024;

export interface CsvInviteRow {
  line: number;
  name: string;
  email: string;
  /** Null when the row leaves the deadline empty: the form's default deadline applies. */
  deadline: Date | null;
}

export interface CsvRowError {
  line: number;
  message: string;
}

export type CsvParseResult =
  | { ok: true; rows: CsvInviteRow[]; errors: CsvRowError[] }
  | { ok: false; error: string };

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsvRecords(text: string): { records: { line: number; fields: string[] }[] } | { error: string } {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0].trim() === "")) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (fieldStarted && field.trim() !== "") return { error: `line ${line}: a quote appears in the middle of an unquoted field` };
      field = "";
      inQuotes = true;
      fieldStarted = true;
    } else if (ch === ",") {
      fields.push(field);
      field = "";
      fieldStarted = false;
    } else if (ch === "\r" && text[i + 1] === "\n") {
      continue;
    } else if (ch === "\n" || ch === "\r") {
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (inQuotes) return { error: `line ${recordLine}: a quoted field is never closed` };
  endRecord();
  return { records };
}

const email = z.email("is not a valid email address").max(254, "is longer than 254 characters");
const name = safeText().trim().min(1, "the name is empty").max(200, "the name is longer than 200 characters");

/** Accepts 2025-03-31 (end of that day, UTC) or a full ISO date-time. */
export function parseDeadline(value: string): Date | null {
  const trimmed = value.trim();
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (dateOnly) {
    const date = new Date(`${trimmed}T23:59:59.000Z`);
    return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== trimmed ? null : date;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(trimmed)) return null;
  const withZone = /(Z|[+-]\d{2}:\d{2})$/.test(trimmed) ? trimmed : `${trimmed}Z`;
  const date = new Date(withZone);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function parseInviteCsv(text: string, now: Date): CsvParseResult {
  if (text.includes("\u0000")) return { ok: false, error: "The file is not a text CSV file (it contains binary data)." };
  const parsed = parseCsvRecords(text.replace(/^\uFEFF/, ""));
  if ("error" in parsed) return { ok: false, error: `The file is not valid CSV: ${parsed.error}.` };
  const [header, ...body] = parsed.records;
  if (!header) return { ok: false, error: "The file is empty: it needs a header row name,email[,deadline]." };
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const nameIndex = columns.indexOf("name");
  const emailIndex = columns.indexOf("email");
  const deadlineIndex = columns.indexOf("deadline");
  const missing = [nameIndex < 0 ? "name" : null, emailIndex < 0 ? "email" : null].filter(Boolean);
  if (missing.length > 0) {
    return { ok: false, error: `The header row must name the columns name,email[,deadline]; missing: ${missing.join(", ")} (found: ${columns.join(", ") || "nothing"}).` };
  }
  const unknown = columns.filter((c) => !["name", "email", "deadline"].includes(c));
  if (unknown.length > 0) return { ok: false, error: `The header row has unknown columns: ${unknown.join(", ")}. Use name,email[,deadline].` };
  if (body.length === 0) return { ok: false, error: "The file has a header row but no candidates." };
  if (body.length > CSV_MAX_ROWS) return { ok: false, error: `The file has ${body.length} rows; at most ${CSV_MAX_ROWS} per upload.` };

  const rows: CsvInviteRow[] = [];
  const errors: CsvRowError[] = [];
  const seen = new Map<string, number>();
  for (const record of body) {
    if (record.fields.length !== columns.length) {
      errors.push({ line: record.line, message: `has ${record.fields.length} fields; the header has ${columns.length}` });
      continue;
    }
    const problems: string[] = [];
    const nameResult = name.safeParse(record.fields[nameIndex]);
    const emailValue = record.fields[emailIndex].trim().toLowerCase();
    const emailResult = email.safeParse(emailValue);
    if (!nameResult.success) problems.push(nameResult.error.issues[0].message);
    if (!emailResult.success) problems.push(`"${emailValue}" ${emailResult.error.issues[0].message}`);
    let deadline: Date | null = null;
    const rawDeadline = deadlineIndex >= 0 ? record.fields[deadlineIndex].trim() : "";
    if (rawDeadline) {
      deadline = parseDeadline(rawDeadline);
      if (!deadline) problems.push(`the deadline "${rawDeadline}" is not a date like 2030-01-31 or 2030-01-31T17:00Z`);
      else if (deadline <= now) problems.push(`the deadline ${rawDeadline} has already passed`);
    }
    const firstLine = seen.get(emailValue);
    if (emailResult.success && firstLine !== undefined) problems.push(`${emailValue} already appears on line ${firstLine}`);
    if (problems.length > 0) {
      errors.push({ line: record.line, message: problems.join("; ") });
      continue;
    }
    seen.set(emailValue, record.line);
    rows.push({ line: record.line, name: nameResult.data!, email: emailValue, deadline });
  }
  return { ok: true, rows, errors };
}
