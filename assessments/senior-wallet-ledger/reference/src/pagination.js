// Newest-first cursor pagination over a wallet's history (kept in ascending `seq` order). The
// cursor names the last transaction served, so new transactions never shift later pages.

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

const encodeCursor = (seq) => Buffer.from(`tx:${seq}`).toString("base64url");

function decodeCursor(cursor) {
  const match = /^tx:(\d{1,15})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match ? Number(match[1]) : null;
}

export function parsePageQuery(query) {
  const errors = [];
  let limit = DEFAULT_LIMIT;
  const rawLimit = query.get("limit");
  if (rawLimit !== null) {
    if (/^\d+$/.test(rawLimit) && Number(rawLimit) >= 1 && Number(rawLimit) <= MAX_LIMIT) limit = Number(rawLimit);
    else errors.push({ field: "limit", message: `must be an integer from 1 to ${MAX_LIMIT}` });
  }
  let before = null;
  const cursor = query.get("cursor");
  if (cursor !== null) {
    before = decodeCursor(cursor);
    if (before === null) errors.push({ field: "cursor", message: "is not a cursor returned by this API" });
  }
  return { limit, before, errors };
}

export function newestFirst(history, { limit, before }) {
  const page = [];
  let index = history.length - 1;
  while (index >= 0 && before !== null && history[index].seq >= before) index -= 1;
  for (; index >= 0 && page.length < limit; index -= 1) page.push(history[index]);
  const hasMore = index >= 0;
  return { page, nextCursor: hasMore ? encodeCursor(page[page.length - 1].seq) : null };
}
