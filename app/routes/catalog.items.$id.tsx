import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CatalogItemFields } from "~/components/catalog/item-fields";
import { requirePermission } from "~/lib/auth.server";
import {
  CatalogItemForm,
  catalogItemFormInput,
  deleteCatalogItem,
  getCatalogItem,
  loadCatalog,
  updateCatalogItem,
} from "~/lib/catalog.server";
import { fieldErrors } from "~/lib/forms";
import { orHttpError } from "~/lib/jd/http.server";
import styles from "~/styles/jd.css?url";
import { readForm } from "~/lib/form-data.server";
import { HttpError } from "~/lib/http-error";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Edit catalog item · Hirekit" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "catalog:edit");
  const [item, { competencies }] = await Promise.all([orHttpError(getCatalogItem(params.id!)), loadCatalog()]);
  return { item, competencyNames: Object.fromEntries(competencies.map((c) => [c.id, c.name])) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "catalog:edit");
  const form = await readForm(request);
  if (form.get("intent") === "delete") {
    try {
      await deleteCatalogItem(user.id, params.id!);
    } catch (error) {
      if (error instanceof HttpError && error.status === 409) return data({ errors: { form: error.message }, input: null }, { status: 409 });
      throw error;
    }
    return redirect("/catalog");
  }
  const input = catalogItemFormInput(form);
  const parsed = CatalogItemForm.safeParse(input);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), input }, { status: 400 });
  await orHttpError(updateCatalogItem(user.id, params.id!, parsed.data));
  return redirect(`/catalog#c-${parsed.data.competencyId}`);
}

export default function EditCatalogItem() {
  const { item, competencyNames } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const input = result?.input;
  return (
    <main className="container" id="main">
      <p>
        <Link to="/catalog">← Catalog</Link>
      </p>
      <h1>Edit catalog item</h1>
      <p className="muted">
        {item.sourceKey ? `From the catalog source (${item.sourceKey}). A re-seed keeps your edits.` : "Added by an admin."} Job descriptions
        keep their own copy of the text, so edits here never change a saved JD.
      </p>
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <Form method="post" className="card" noValidate>
        <CatalogItemFields
          competencyNames={competencyNames}
          errors={errors}
          values={{
            text: input ? String(input.text) : item.text,
            kind: input ? (String(input.kind) as never) : item.kind,
            competencyId: input ? String(input.competencyId) : (item.competencyId ?? ""),
            levels: input ? (input.levels.map(String) as never) : item.levels,
          }}
        />
        <div className="actions">
          <button type="submit" name="intent" value="save" disabled={navigation.state === "submitting"}>
            Save item
          </button>
        </div>
      </Form>
      {item.sourceKey ? null : (
        <Form method="post" className="card">
          <p>Delete this admin-created item. Saved job descriptions keep their copies.</p>
          <button type="submit" name="intent" value="delete" className="danger">
            Delete item
          </button>
        </Form>
      )}
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
