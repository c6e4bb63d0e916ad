// Opaque cursors for keyset pagination over (createdAt desc, id desc): stable while rows are
// added, unlike page numbers.
export interface CursorPosition {
  createdAt: Date;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString("base64url");
}

export function decodeCursor(cursor: string): CursorPosition | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== "string" || typeof value[1] !== "string") return null;
    // Ids are ours (uuids, slugs): anything with a control character was not made by encodeCursor.
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    if (/[\u0000-\u001f]/.test(value[1])) return null;
    const createdAt = new Date(value[0]);
    if (Number.isNaN(createdAt.getTime())) return null;
    return { createdAt, id: value[1] };
  } catch {
    return null;
  }
}

/** Rows fetched with limit + 1: the extra row only says there is a next page. */
export function page<T extends CursorPosition>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
