import { createReadableStreamFromReadable } from "@remix-run/node";
import { z } from "zod";
import { jobPostingFor } from "~/domain/jd/json-ld";
import { toMarkdown } from "~/domain/jd/markdown";
import { requirePermission } from "../auth.server";
import { jdPdfStream, pdfFileName } from "../jd-pdf.server";
import { orHttpError } from "./http.server";
import { getOrganisationLogo } from "./organisation.server";
import { getJd, publicUrl } from "./store.server";

// Exports of a saved version (the current one unless ?version=n): PDF, Markdown, JSON-LD. Each
// format has its own download route (/jds/:id/jd.pdf, jd.md, jd.jsonld); they all answer here.

export const JD_EXPORT_FORMATS = ["pdf", "md", "jsonld"] as const;
export type JdExportFormat = (typeof JD_EXPORT_FORMATS)[number];

/** Where a JD's export in one format is downloaded from. */
export function jdExportPath(id: string, format: JdExportFormat): string {
  return `/jds/${id}/jd.${format}`;
}

const VersionQuery = z.coerce.number().int().positive().optional();

export async function jdExportResponse(request: Request, id: string, format: JdExportFormat): Promise<Response> {
  await requirePermission(request, "jd:read");
  const version = VersionQuery.safeParse(new URL(request.url).searchParams.get("version") ?? undefined);
  if (!version.success) throw new Response("version must be a positive whole number.", { status: 400 });
  const { jd, version: saved } = await orHttpError(getJd(id, version.data));
  const doc = saved.content;
  const base = doc.seo.slug || "job-description";
  const headers = (type: string, extension: string) => ({
    "Content-Type": type,
    "Content-Disposition": `attachment; filename="${base}-v${saved.number}.${extension}"`,
    "Cache-Control": "private, no-store",
  });

  switch (format) {
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
