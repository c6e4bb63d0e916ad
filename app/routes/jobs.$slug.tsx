import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { JdView } from "~/components/jd/jd-view";
import { useNonce } from "~/components/nonce";
import { slugSchema } from "~/domain/jd/document";
import { hasOrganisationLogo } from "~/lib/jd/organisation.server";
import { getPublishedJob } from "~/lib/jd/store.server";
import { PUBLIC_PAGE_HEADERS } from "~/lib/public-page";
import styles from "~/styles/jd.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
// Anonymous visitors may be served from a browser or CDN cache; the HTTP entry adds the ETag and
// answers 304, and turns this into no-store for a signed-in visitor.
export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

export async function loader({ params }: LoaderFunctionArgs) {
  const slug = slugSchema.safeParse(params.slug);
  const job = slug.success ? await getPublishedJob(slug.data) : null;
  if (!job) throw new Response("This position does not exist or is no longer open.", { status: 404 });
  const { doc, view, url, closed, jsonLd } = job;
  return {
    view,
    hasLogo: await hasOrganisationLogo(),
    url,
    closed,
    jsonLd,
    seo: { title: doc.company.name ? `${doc.title} · ${doc.company.name}` : doc.title, description: doc.seo.metaDescription, keywords: doc.seo.keywords.join(", ") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Position not found" }];
  const { seo, url } = data;
  return [
    { title: seo.title },
    { name: "description", content: seo.description },
    { name: "keywords", content: seo.keywords },
    { tagName: "link", rel: "canonical", href: url },
    { property: "og:type", content: "website" },
    { property: "og:title", content: seo.title },
    { property: "og:description", content: seo.description },
    { property: "og:url", content: url },
    ...(data.closed ? [{ name: "robots", content: "noindex" }] : []),
  ];
};

export default function Job() {
  const { view, closed, jsonLd, hasLogo } = useLoaderData<typeof loader>();
  const nonce = useNonce();
  return (
    <>
      <header className="careers-header">
        <Link to="/jobs">Careers</Link>
      </header>
      <main className="container careers" id="main">
        {closed ? <p className="notice">Applications for this position have closed.</p> : null}
        <JdView view={view} closed={closed} logoSrc={hasLogo ? "/organisation/logo" : undefined} />
        <p>
          <Link to="/jobs">See all open positions</Link>
        </p>
        {jsonLd ? <script type="application/ld+json" nonce={nonce} dangerouslySetInnerHTML={{ __html: jsonLd }} /> : null}
      </main>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
