import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { KIND_LABELS, LEVEL_LABELS, LEVELS, CATALOG_ITEM_KINDS } from "~/domain/catalog/levels";
import { isRetired } from "~/domain/catalog/model";
import { ROLE_TEMPLATES } from "~/domain/jd/role-templates";
import { requirePermission } from "~/lib/auth.server";
import { loadCatalog } from "~/lib/catalog.server";
import { fieldErrors } from "~/lib/forms";
import { createJdFromPreset } from "~/lib/jd/store.server";
import styles from "~/styles/jd.css?url";
import { readFormObject } from "~/lib/form-data.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "New job description · Hirekit" }];

const NewJdForm = z.object({
  level: z.enum(LEVELS, { error: "choose a level" }),
  roleTemplate: z.enum(Object.keys(ROLE_TEMPLATES) as [string, ...string[]], { error: "choose a role" }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "jd:edit");
  const { items } = await loadCatalog();
  const counts = Object.fromEntries(
    LEVELS.map((level) => [
      level,
      Object.fromEntries(CATALOG_ITEM_KINDS.map((kind) => [kind, items.filter((i) => !isRetired(i) && i.kind === kind && i.levels.includes(level)).length])),
    ]),
  );
  return {
    counts,
    templates: Object.values(ROLE_TEMPLATES).map((t) => ({ id: t.id, name: t.name, summaries: Object.fromEntries(LEVELS.map((l) => [l, t.levels[l].summary])) })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "jd:edit");
  const parsed = NewJdForm.safeParse(await readFormObject(request));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const jd = await createJdFromPreset(user.id, parsed.data);
  return redirect(`/jds/${jd.id}`);
}

export default function NewJd() {
  const { counts, templates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const template = templates[0]!;
  return (
    <main className="container" id="main">
      <p>
        <Link to="/jds">← Job descriptions</Link>
      </p>
      <h1>New job description</h1>
      <Form method="post" className="card" noValidate>
        <div className="field">
          <label htmlFor="roleTemplate">Role</label>
          <select id="roleTemplate" name="roleTemplate" defaultValue={template.id}>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field" aria-describedby={errors.level ? "level-error" : undefined}>
          <legend>
            <strong>Level</strong>
          </legend>
          <p className="hint">The preset takes every catalog item tagged with the level; you can change anything afterwards.</p>
          <div className="grid">
            {LEVELS.map((level) => (
              <label key={level} className="card level-choice">
                <span className="level-choice-name">
                  <input type="radio" name="level" value={level} defaultChecked={level === "INTERMEDIATE"} />
                  {LEVEL_LABELS[level]}
                </span>
                <span className="hint">{template.summaries[level]}</span>
                <span className="muted level-choice-counts">
                  {CATALOG_ITEM_KINDS.map((kind) => `${counts[level]![kind]} ${KIND_LABELS[kind].toLowerCase()}`).join(" · ")}
                </span>
              </label>
            ))}
          </div>
          {errors.level ? (
            <p className="field-error" id="level-error">
              {errors.level}
            </p>
          ) : null}
        </fieldset>
        <button type="submit" disabled={navigation.state === "submitting"}>
          Create draft
        </button>
      </Form>
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
