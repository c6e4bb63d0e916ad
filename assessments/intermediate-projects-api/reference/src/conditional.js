// Strong ETags from the record version, If-Match for writes and If-None-Match for reads.
import { problems } from "./http.js";

export const etagOf = (record) => `"${record.version}"`;

function listedTags(header) {
  return header.split(",").map((tag) => tag.trim());
}

/** Writes to an existing resource must name the version they were based on. */
export function requireIfMatch(req, record) {
  const header = req.headers["if-match"];
  if (header === undefined || header.trim() === "") throw problems.preconditionRequired();
  if (header.trim() === "*") return;
  if (!listedTags(header).includes(etagOf(record))) throw problems.preconditionFailed();
}

export function isNotModified(req, record) {
  const header = req.headers["if-none-match"];
  if (header === undefined) return false;
  if (header.trim() === "*") return true;
  return listedTags(header)
    .map((tag) => tag.replace(/^W\//, ""))
    .includes(etagOf(record));
}
