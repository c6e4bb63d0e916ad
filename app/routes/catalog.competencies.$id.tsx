import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/field";
import { requirePermission } from "~/lib/auth.server";
import { CompetencyForm, getCompetency, updateCompetency } from "~/lib/catalog.server";
import { fieldErrors } from "~/lib/forms";
import { orHttpError } from "~/lib/jd/http.server";
import styles from "~/styles/jd.css?url";
import { readForm } from "~/lib/form-data.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Edit competency · Hirekit" }];

const FIELDS = [
  ["name", "Name", 1],
  ["category", "Category", 1],
  ["description", "Description", 4],
  ["juniorExpectation", "What we expect of a junior", 3],
  ["intermediateExpectation", "What we expect of an intermediate", 3],
  ["seniorExpectation", "What we expect of a senior", 3],
] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "catalog:edit");
  return { competency: await orHttpError(getCompetency(params.id!)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "catalog:edit");
  const input = Object.fromEntries([...(await readForm(request)).entries()].map(([k, v]) => [k, String(v)]));
  const parsed = CompetencyForm.safeParse(input);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), input }, { status: 400 });
  await orHttpError(updateCompetency(user.id, params.id!, parsed.data));
  return redirect(`/catalog#c-${params.id}`);
}

export default function EditCompetency() {
  const { competency } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <main className="container" id="main">
      <p>
        <Link to="/catalog">← Catalog</Link>
      </p>
      <h1>Edit competency: {competency.name}</h1>
      <p className="muted">
        The id <code>{competency.id}</code> is fixed: assessments and scorecards refer to it.
      </p>
      <Form method="post" className="card" noValidate>
        {FIELDS.map(([name, label, rows]) => (
          <Field key={name} name={name} label={label} error={errors[name]}>
            {(props) =>
              rows === 1 ? (
                <input {...props} required defaultValue={result?.input[name] ?? competency[name]} />
              ) : (
                <textarea {...props} required rows={rows} defaultValue={result?.input[name] ?? competency[name]} />
              )
            }
          </Field>
        ))}
        <button type="submit" disabled={navigation.state === "submitting"}>
          Save competency
        </button>
      </Form>
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
