import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CatalogItemFields } from "~/components/catalog/item-fields";
import { requirePermission } from "~/lib/auth.server";
import { CatalogItemForm, catalogItemFormInput, createCatalogItem, loadCatalog } from "~/lib/catalog.server";
import { fieldErrors } from "~/lib/forms";
import styles from "~/styles/jd.css?url";
import { readForm } from "~/lib/form-data.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "New catalog item · Hirekit" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "catalog:edit");
  const { competencies } = await loadCatalog();
  return { competencyNames: Object.fromEntries(competencies.map((c) => [c.id, c.name])) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "catalog:edit");
  const input = catalogItemFormInput(await readForm(request));
  const parsed = CatalogItemForm.safeParse(input);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), input }, { status: 400 });
  const item = await createCatalogItem(user.id, parsed.data);
  return redirect(`/catalog?q=${encodeURIComponent(item.text.slice(0, 40))}`);
}

export default function NewCatalogItem() {
  const { competencyNames } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const input = result?.input;
  return (
    <main className="container" id="main">
      <p>
        <Link to="/catalog">← Catalog</Link>
      </p>
      <h1>Add a catalog item</h1>
      <Form method="post" className="card" noValidate>
        <CatalogItemFields
          competencyNames={competencyNames}
          errors={result?.errors ?? {}}
          values={{
            text: String(input?.text ?? ""),
            kind: (String(input?.kind ?? "") as never) || "",
            competencyId: String(input?.competencyId ?? ""),
            levels: (input?.levels ?? ["JUNIOR", "INTERMEDIATE", "SENIOR"]).map(String) as never,
          }}
        />
        <button type="submit" disabled={navigation.state === "submitting"}>
          Add item
        </button>
      </Form>
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
