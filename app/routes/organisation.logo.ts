import { getOrganisationLogo } from "~/lib/jd/organisation.server";

// Public: the logo appears on public job pages.
export async function loader() {
  const logo = await getOrganisationLogo();
  if (!logo) throw new Response("No logo", { status: 404 });
  return new Response(new Uint8Array(logo.bytes), { headers: { "Content-Type": logo.type, "Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff" } });
}
