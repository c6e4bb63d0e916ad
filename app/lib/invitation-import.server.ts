// The CSV import: a file-level problem (not a CSV, too large, missing columns) creates nothing;
// row-level problems are reported while the valid rows are created together.
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { parseInviteCsv, type CsvRowError } from "~/domain/invitations/csv";
import { fieldErrors } from "./forms";
import { createInvitations, ImportForm, InvitationError, type CreateOutcome } from "./invitations.server";

export const CSV_MAX_BYTES = 512 * 1024;

export type ImportResult =
  | { ok: false; status: number; errors: Record<string, string> }
  | { ok: true; outcome: CreateOutcome; rowErrors: CsvRowError[] };

function looksLikeCsv(file: File): boolean {
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  return name.endsWith(".csv") || name.endsWith(".txt") || type === "text/csv" || type === "text/plain";
}

export async function importInvitations(actorId: string, request: Request): Promise<ImportResult> {
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    return { ok: false, status: 400, errors: { file: "Upload the CSV file with the form." } };
  }
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: CSV_MAX_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, status: 413, errors: { file: `The file is larger than ${CSV_MAX_BYTES / 1024} KB.` } };
    throw error;
  }
  const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
  const parsed = ImportForm.safeParse(fields);
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) errors.file = "Choose a CSV file.";
  else if (!looksLikeCsv(file)) errors.file = `"${file.name}" is not a CSV file (expected a .csv file).`;
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, status: 400, errors };

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await (file as File).arrayBuffer());
  } catch {
    return { ok: false, status: 400, errors: { file: "The file is not UTF-8 text. Save the spreadsheet as \"CSV UTF-8\"." } };
  }
  const csv = parseInviteCsv(text, new Date());
  if (!csv.ok) return { ok: false, status: 400, errors: { file: csv.error } };
  if (csv.rows.length === 0) return { ok: true, outcome: { created: [], emailed: false, emailFailures: 0 }, rowErrors: csv.errors };
  try {
    const outcome = await createInvitations(
      actorId,
      { assessmentId: parsed.data.assessmentId, jobDescriptionId: parsed.data.jobDescriptionId },
      csv.rows.map((row) => ({ candidateName: row.name, candidateEmail: row.email, deadline: row.deadline ?? parsed.data.deadline })),
      "csv",
    );
    return { ok: true, outcome, rowErrors: csv.errors };
  } catch (error) {
    if (error instanceof InvitationError) return { ok: false, status: 409, errors: { form: error.message } };
    throw error;
  }
}
