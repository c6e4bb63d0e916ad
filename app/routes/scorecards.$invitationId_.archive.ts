import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "~/lib/auth.server";
import { prisma } from "~/lib/db.server";
import { codeAttempts } from "~/lib/scorecard-code.server";
import { databaseArchiveStore } from "../../runner/contract/archive-store";
import { slugify } from "~/domain/jd/slug";
import { countedAttempt } from "~/domain/scorecard/counted-attempt";

// Staff download of the archive exactly as the candidate uploaded it. Sent as an attachment of
// an opaque type, so a browser never renders anything in it.

const paramsSchema = z.object({ invitationId: z.uuid() });
const attemptSchema = z.coerce.number().int().min(1).optional();

function plain(message: string, status: number): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "submission:read");
  const parsedParams = paramsSchema.safeParse(params);
  if (!parsedParams.success) return plain("There is no scorecard at this address.", 404);
  const attempt = attemptSchema.safeParse(new URL(request.url).searchParams.get("attempt") || undefined);
  if (!attempt.success) return plain("The attempt must be a whole number from 1.", 400);
  const target = await codeAttempts(parsedParams.data.invitationId);
  const chosen = attempt.data === undefined ? target && countedAttempt(target.attempts) : target?.attempts.find((a) => a.attempt === attempt.data);
  if (!target || !chosen) return plain("There is no such attempt.", 404);
  const bytes = await databaseArchiveStore(prisma).read(chosen.archivePath);
  if (bytes === null) return plain("The archive of this attempt is no longer stored.", 410);
  const suffix = bytes[0] === 0x1f && bytes[1] === 0x8b ? "tar.gz" : "zip";
  // Named after the candidate too, so archives downloaded for several candidates never collide.
  const name = [slugify(target.candidateName, 40), target.assessmentSlug, `attempt-${chosen.attempt}`].filter(Boolean).join("-");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Length": String(bytes.length),
      "Content-Disposition": `attachment; filename="${name}.${suffix}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
