import { z } from "zod";
import { decodeCursor } from "~/domain/api/cursor";
import { problems } from "./problem.server";

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});

type CursorWhere = { OR?: ({ createdAt: { lt: Date } } | { createdAt: Date; id: { lt: string } })[] };

/** Rows after the cursor in (createdAt desc, id desc) order; fits every model's where input. */
export function cursorWhere(cursor: string | undefined): CursorWhere {
  if (!cursor) return {};
  const position = decodeCursor(cursor);
  if (!position) throw problems.badRequest("The cursor is not one this API returned.");
  return { OR: [{ createdAt: { lt: position.createdAt } }, { createdAt: position.createdAt, id: { lt: position.id } }] };
}
