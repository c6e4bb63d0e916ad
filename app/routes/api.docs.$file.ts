import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";

// The two swagger-ui-dist files the docs page needs, served from node_modules.
const FILES: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

const distDir = path.dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

export async function loader({ params }: LoaderFunctionArgs) {
  const file = params.file ?? "";
  const type = FILES[file];
  if (!type) throw new Response("Not found", { status: 404 });
  const body = await readFile(path.join(distDir, file));
  return new Response(body, { headers: { "Content-Type": type, "Cache-Control": "public, max-age=86400" } });
}
