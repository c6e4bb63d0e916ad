import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { z } from "zod";
import { jobPostingFor } from "~/domain/jd/json-ld";
import { toMarkdown } from "~/domain/jd/markdown";
import { requirePermission } from "~/lib/auth.server";
import { jdPdfStream, pdfFileName } from "~/lib/jd-pdf.server";
import { orHttpError } from "~/lib/jd/http.server";
import { getOrganisationLogo } from "~/lib/jd/organisation.server";
import { getJd, publicUrl } from "~/lib/jd/store.server";

// Exports of a saved version (the current one unless ?version=n): PDF, Markdown, JSON-LD.

const Params = z.object({ format: z.enum(["pdf", "md", "jsonld"]) });
const VersionQuery = z.coerce.number().int().positive().optional();

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "jd:read");
  const parsed = Params.safeParse(params);
  if (!parsed.success) throw new Response("Unknown export format; use pdf, md or jsonld.", { status: 404 });
  const version = VersionQuery.safeParse(new URL(request.url).searchParams.get("version") ?? undefined);
  if (!version.success) throw new Response("version must be a positive whole number.", { status: 400 });
  const { jd, version: saved } = await orHttpError(getJd(params.id!, version.data));
  const doc = saved.content;
  const base = doc.seo.slug || "job-description";
  const headers = (type: string, extension: string) => ({
    "Content-Type": type,
    "Content-Disposition": `attachment; filename="${base}-v${saved.number}.${extension}"`,
    "Cache-Control": "private, no-store",
  });

  switch (parsed.data.format) {
    case "pdf":
      return new Response(createReadableStreamFromReadable(jdPdfStream(doc, { logo: (await getOrganisationLogo())?.bytes })), {
        headers: { ...headers("application/pdf", "pdf"), "Content-Disposition": `attachment; filename="${pdfFileName(doc).replace(/\.pdf$/, "")}-v${saved.number}.pdf"` },
      });
    case "md":
      return new Response(toMarkdown(doc), { headers: headers("text/markdown; charset=utf-8", "md") });
    case "jsonld": {
      const datePosted = (jd.publishedAt ?? new Date()).toISOString();
      const result = jobPostingFor(doc, { datePosted, url: publicUrl(doc.seo.slug), identifier: jd.id });
      if (!result.ok) {
        return new Response(`This version's JobPosting data is not valid yet:\n- ${result.errors.join("\n- ")}\n`, {
          status: 422,
          headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
        });
      }
      return new Response(`${JSON.stringify(result.posting, null, 2)}\n`, { headers: headers("application/ld+json; charset=utf-8", "jsonld") });
    }
  }
}
