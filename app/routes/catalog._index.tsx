import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { safeText } from "~/domain/safe-text";
import { CATALOG_ITEM_KINDS, KIND_LABELS, LEVEL_LABELS, LEVELS } from "~/domain/catalog/levels";
import { expectationFor, isRetired } from "~/domain/catalog/model";
import { categoriesOf, searchCatalog } from "~/domain/catalog/search";
import { requirePermission } from "~/lib/auth.server";
import { loadCatalog } from "~/lib/catalog.server";
import { can } from "~/lib/permissions";
import styles from "~/styles/jd.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Competency catalog · Hirekit" }];

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());
const QuerySchema = z.object({
  level: optional(z.enum(LEVELS)),
  kind: optional(z.enum(CATALOG_ITEM_KINDS)),
  category: optional(safeText().max(80)),
  q: optional(safeText().max(200)),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "catalog:read");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = QuerySchema.safeParse(params);
  const query = parsed.success ? parsed.data : {};
  const { competencies, items } = await loadCatalog();
  const visible = can(user.role, "catalog:edit") ? items : items.filter((item) => !isRetired(item));
  const groups = searchCatalog(competencies, visible, { level: query.level, kind: query.kind, category: query.category, text: query.q });
  return {
    query,
    invalidQuery: !parsed.success,
    categories: categoriesOf(competencies),
    groups,
    total: groups.reduce((sum, g) => sum + g.items.length, 0),
    canEdit: can(user.role, "catalog:edit"),
  };
}

export default function Catalog() {
  const { query, invalidQuery, categories, groups, total, canEdit } = useLoaderData<typeof loader>();
  return (
    <main className="container" id="main">
      <div className="page-head">
        <h1>Competency catalog</h1>
        {canEdit ? (
          <Link className="button secondary" to="/catalog/items/new">
            Add an item
          </Link>
        ) : null}
      </div>
      <Form method="get" className="card filters" role="search" aria-label="Filter the catalog">
        <div className="field">
          <label htmlFor="q">Search</label>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ""} placeholder="e.g. kafka, testing" />
        </div>
        <div className="field">
          <label htmlFor="level">Level</label>
          <select id="level" name="level" defaultValue={query.level ?? ""}>
            <option value="">All levels</option>
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {LEVEL_LABELS[level]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="category">Category</label>
          <select id="category" name="category" defaultValue={query.category ?? ""}>
            <option value="">All categories</option>
            {categories.map((category) => (
              <option key={category} value={category}>
                {category}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="kind">Kind</label>
          <select id="kind" name="kind" defaultValue={query.kind ?? ""}>
            <option value="">All kinds</option>
            {CATALOG_ITEM_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit">Filter</button>
          <Link to="/catalog">Clear</Link>
        </div>
      </Form>
      {invalidQuery ? <p className="notice">Some filters were not recognised and were ignored.</p> : null}
      <p className="muted" aria-live="polite">
        {total} item{total === 1 ? "" : "s"} in {groups.length} competenc{groups.length === 1 ? "y" : "ies"}.
      </p>
      {groups.map(({ competency, items }) => (
        <section key={competency.id} className="card catalog-group" aria-labelledby={`c-${competency.id}`}>
          <div className="page-head">
            <h2 id={`c-${competency.id}`}>{competency.name}</h2>
            <span className="actions">
              <span className="tag">{competency.category}</span>
              {canEdit ? <Link to={`/catalog/competencies/${competency.id}`}>Edit competency</Link> : null}
            </span>
          </div>
          <p>{competency.description}</p>
          <div className="expectations">
            {(query.level ? [query.level] : LEVELS).map((level) => (
              <div key={level}>
                <strong>{LEVEL_LABELS[level]}:</strong> {expectationFor(competency, level)}
              </div>
            ))}
          </div>
          <ul className="catalog-items">
            {items.map((item) => (
              <li key={item.id}>
                <span className="item-text">{item.text}</span>
                <span className="tag">{KIND_LABELS[item.kind]}</span>
                {isRetired(item) ? (
                  <span className="tag retired">Retired</span>
                ) : (
                  item.levels.map((level) => (
                    <span key={level} className="tag level">
                      {LEVEL_LABELS[level]}
                    </span>
                  ))
                )}
                {canEdit ? (
                  <Link to={`/catalog/items/${item.id}`} aria-label={`Edit “${item.text}”`}>
                    Edit
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
