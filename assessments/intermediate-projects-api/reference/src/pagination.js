// Cursor pagination over records carrying a monotonic `seq`. The cursor names the last record
// served, so inserts and deletes between pages neither repeat nor skip records.

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export function encodeCursor(seq, descending) {
  return Buffer.from(JSON.stringify({ after: seq, desc: descending })).toString("base64url");
}

function decodeCursor(cursor) {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Number.isSafeInteger(value?.after) && value.after >= 0 && typeof value.desc === "boolean") return value;
  } catch {
    return null;
  }
  return null;
}

/** Reads limit, cursor and (optionally) sort from the query; pushes readable errors. */
export function parsePageQuery(query, errors, { sortable = false } = {}) {
  let limit = DEFAULT_LIMIT;
  const rawLimit = query.get("limit");
  if (rawLimit !== null) {
    if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > MAX_LIMIT) {
      errors.push({ field: "limit", message: `must be an integer from 1 to ${MAX_LIMIT}` });
    } else {
      limit = Number(rawLimit);
    }
  }

  let descending = false;
  const sort = query.get("sort");
  if (sortable && sort !== null) {
    if (sort === "createdAt" || sort === "-createdAt") descending = sort === "-createdAt";
    else errors.push({ field: "sort", message: "must be createdAt or -createdAt" });
  }

  let after = null;
  const cursor = query.get("cursor");
  if (cursor !== null) {
    const decoded = decodeCursor(cursor);
    if (!decoded) errors.push({ field: "cursor", message: "is not a cursor returned by this API" });
    else if (decoded.desc !== descending) errors.push({ field: "cursor", message: "belongs to a different sort order" });
    else after = decoded.after;
  }
  return { limit, after, descending };
}

/** `records` must be sorted by ascending seq. */
export function paginate(records, { limit, after, descending }) {
  const ordered = descending ? [...records].reverse() : records;
  const remaining =
    after === null ? ordered : ordered.filter((record) => (descending ? record.seq < after : record.seq > after));
  const page = remaining.slice(0, limit);
  const hasMore = remaining.length > limit;
  return {
    page,
    nextCursor: hasMore ? encodeCursor(page[page.length - 1].seq, descending) : null,
  };
}
