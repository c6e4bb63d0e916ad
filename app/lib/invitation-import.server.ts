// The CSV import: a file-level problem (not a CSV, too large, missing columns) creates nothing;
// row-level problems are reported while the valid rows are created together.
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { CSV_MAX_BYTES, parseInviteCsv, type CsvRowError } from "~/domain/invitations/csv";
import { fieldErrors } from "./forms";
import { duplicateReason, openInvitationsFor } from "./invitation-duplicates.server";
import { createInvitations, ImportForm, InvitationError, type CreateOutcome } from "./invitations.server";
import { DrainBudget, drainCap, UploadRefused } from "./upload.server";
import { isMultipart, withLowerCaseMultipart } from "./form-data.server";

const FIELD_MAX_BYTES = 4096;

/**
 * Keeps the "file" part in memory up to CSV_MAX_BYTES and small text fields; anything larger is
 * read to the end and dropped, so the browser still receives the explanation.
 */
async function readImportForm(request: Request): Promise<{ fields: Record<string, string>; file: File | null; tooLarge: boolean }> {
  const budget = new DrainBudget(drainCap(CSV_MAX_BYTES));
  const fields: Record<string, string> = {};
  let file: File | null = null;
  let tooLarge = false;
  const handler: UploadHandler = async ({ name, filename, contentType, data }) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const limit = filename ? CSV_MAX_BYTES : FIELD_MAX_BYTES;
    for await (const chunk of data) {
      budget.count(chunk.byteLength);
      size += chunk.byteLength;
      if (size <= limit) chunks.push(chunk);
    }
    if (size > limit) {
      if (filename) tooLarge = true;
      return undefined;
    }
    if (filename && name === "file") file = new File([Buffer.concat(chunks)], filename, { type: contentType });
    else if (!filename) fields[name] = Buffer.concat(chunks).toString("utf8");
    return undefined;
  };
  await unstable_parseMultipartFormData(withLowerCaseMultipart(request), handler);
  return { fields, file, tooLarge };
}

export type ImportResult =
  | { ok: false; status: number; errors: Record<string, string> }
  | { ok: true; outcome: CreateOutcome; rowErrors: CsvRowError[] };

function looksLikeCsv(file: File): boolean {
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  return name.endsWith(".csv") || name.endsWith(".txt") || type === "text/csv" || type === "text/plain";
}

export async function importInvitations(actorId: string, request: Request): Promise<ImportResult> {
  if (!isMultipart(request.headers.get("content-type"))) {
    return { ok: false, status: 400, errors: { file: "Upload the CSV file with the form." } };
  }
  let form: Awaited<ReturnType<typeof readImportForm>>;
  try {
    form = await readImportForm(request);
  } catch (error) {
    if (error instanceof UploadRefused) return { ok: false, status: error.status, errors: { file: error.message } };
    // A multipart body without a usable boundary is the client's mistake, not a server fault.
    return { ok: false, status: 400, errors: { file: `The upload could not be read (${(error as Error).message}). Try again.` } };
  }
  if (form.tooLarge) return { ok: false, status: 413, errors: { file: `The file is larger than ${CSV_MAX_BYTES / 1024} KB.` } };
  const parsed = ImportForm.safeParse(form.fields);
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  const file = form.file;
  if (!file || file.size === 0) errors.file = "Choose a CSV file.";
  else if (!looksLikeCsv(file)) errors.file = `"${file.name}" is not a CSV file (expected a .csv file).`;
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, status: 400, errors };

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file!.arrayBuffer());
  } catch {
    return { ok: false, status: 400, errors: { file: "The file is not UTF-8 text. Save the spreadsheet as \"CSV UTF-8\"." } };
  }
  const csv = parseInviteCsv(text, new Date());
  if (!csv.ok) return { ok: false, status: 400, errors: { file: csv.error } };
  const rowErrors = [...csv.errors];
  let rows = csv.rows;
  if (form.fields.reinvite !== "on") {
    const open = await openInvitationsFor(parsed.data.assessmentId, rows.map((row) => row.email));
    rows = rows.filter((row) => {
      const existing = open.get(row.email.toLowerCase());
      if (existing) rowErrors.push({ line: row.line, message: `${duplicateReason(existing)}; tick “Invite people who already have an open invitation” to invite again.` });
      return !existing;
    });
    rowErrors.sort((a, b) => a.line - b.line);
  }
  if (rows.length === 0) return { ok: true, outcome: { created: [], emailed: false, emailFailures: 0 }, rowErrors };
  try {
    const outcome = await createInvitations(
      actorId,
      { assessmentId: parsed.data.assessmentId, jobDescriptionId: parsed.data.jobDescriptionId },
      rows.map((row) => ({ candidateName: row.name, candidateEmail: row.email, deadline: row.deadline ?? parsed.data.deadline })),
      "csv",
    );
    return { ok: true, outcome, rowErrors };
  } catch (error) {
    if (error instanceof InvitationError) return { ok: false, status: 409, errors: { form: error.message } };
    throw error;
  }
}
