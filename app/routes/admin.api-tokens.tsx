import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { API_SCOPE_LABELS, API_SCOPES, TOKEN_EXPIRY_CHOICES } from "~/domain/api/scopes";
import { CreateTokenForm, createApiToken, listApiTokens, revokeApiToken } from "~/lib/api/tokens.server";
import { requirePermission } from "~/lib/auth.server";
import { readForm } from "~/lib/form-data.server";
import { prisma } from "~/lib/db.server";
import { Field } from "~/components/field";
import { fieldErrors } from "~/lib/forms";

export const meta: MetaFunction = () => [{ title: "API tokens · Hirekit" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "api:manage");
  const [tokens, uses] = await Promise.all([
    listApiTokens(),
    prisma.auditLog.findMany({ where: { action: "api.request" }, orderBy: { createdAt: "desc" }, take: 25, select: { id: true, entityId: true, data: true, createdAt: true } }),
  ]);
  return { tokens, uses };
}

type ActionResult = { intent: "create"; errors: Record<string, string>; created?: { name: string; token: string } } | { intent: "revoke"; errors: Record<string, string> };

const RevokeForm = z.object({ tokenId: z.string().min(1) });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "api:manage");
  const form = await readForm(request);
  if (form.get("intent") === "create") {
    const parsed = CreateTokenForm.safeParse({ name: form.get("name") ?? undefined, scopes: form.getAll("scopes"), expiresInDays: form.get("expiresInDays") ?? undefined });
    if (!parsed.success) return data<ActionResult>({ intent: "create", errors: fieldErrors(parsed.error) }, { status: 400 });
    const { token } = await createApiToken(admin.id, parsed.data);
    return data<ActionResult>({ intent: "create", errors: {}, created: { name: parsed.data.name, token } });
  }
  const parsed = RevokeForm.safeParse(Object.fromEntries(form));
  if (form.get("intent") !== "revoke" || !parsed.success) return data<ActionResult>({ intent: "revoke", errors: { form: "Unknown action." } }, { status: 400 });
  if (!(await revokeApiToken(admin.id, parsed.data.tokenId))) {
    return data<ActionResult>({ intent: "revoke", errors: { form: "That token does not exist or is already revoked." } }, { status: 409 });
  }
  return data<ActionResult>({ intent: "revoke", errors: {} });
}

const when = (value: string | Date | null) => (value ? new Date(value).toLocaleString("en-GB", { timeZone: "UTC" }) + " UTC" : "—");

export default function AdminApiTokens() {
  const { tokens, uses } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = result?.intent === "create" ? result.errors : {};
  const names = new Map(tokens.map((token) => [token.id, token.name]));
  return (
    <main className="container" id="main">
      <h1>API tokens</h1>
      <p className="muted">
        Tokens let an applicant tracking system use the <a href="/api/docs">Hirekit API</a>. A token acts in your name, limited to its scopes; it never opens the
        web pages. Webhooks are set up on the <Link to="/admin/webhooks">webhooks page</Link>.
      </p>
      <section className="card" aria-labelledby="new-token">
        <h2 id="new-token">New token</h2>
        {result?.intent === "create" && result.created ? (
          <div className="notice" role="status">
            <p>
              Token “{result.created.name}” created. Copy it now: it is shown only once, and Hirekit keeps only its hash.
            </p>
            <p>
              <code data-testid="new-token">{result.created.token}</code>
            </p>
          </div>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field name="name" id="token-name" label="Name" error={errors.name}>
            {(props) => <input {...props} autoComplete="off" />}
          </Field>
          <fieldset className="field" aria-describedby={errors.scopes ? "token-scopes-error" : undefined}>
            <legend>Scopes</legend>
            {API_SCOPES.map((scope) => (
              <label key={scope} className="radio">
                <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "read"} /> <code>{scope}</code> — {API_SCOPE_LABELS[scope]}
              </label>
            ))}
            {errors.scopes ? (
              <p className="field-error" id="token-scopes-error">
                {errors.scopes}
              </p>
            ) : null}
          </fieldset>
          <div className="field">
            <label htmlFor="token-expiry">Expires</label>
            <select id="token-expiry" name="expiresInDays" defaultValue="90">
              {TOKEN_EXPIRY_CHOICES.map((choice) => (
                <option key={choice} value={choice}>
                  {choice === "never" ? "Never" : `In ${choice} days`}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={navigation.state === "submitting"}>
            Create token
          </button>
        </Form>
      </section>
      {result?.intent === "revoke" && result.errors.form ? (
        <p className="form-error" role="alert">
          {result.errors.form}
        </p>
      ) : null}
      <div className="table-wrap">
        <table>
          <caption className="sr-only">API tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Token</th>
              <th scope="col">Scopes</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => {
              const expired = token.expiresAt !== null && new Date(token.expiresAt) <= new Date();
              return (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>
                    <code>{token.prefix}…</code>
                  </td>
                  <td>{token.scopes.join(", ")}</td>
                  <td>
                    {when(token.createdAt)} by {token.createdBy.email}
                  </td>
                  <td>{token.expiresAt ? when(token.expiresAt) : "Never"}</td>
                  <td>{when(token.lastUsedAt)}</td>
                  <td>
                    {token.revokedAt ? (
                      <span className="status bad">Revoked</span>
                    ) : expired ? (
                      <span className="status bad">Expired</span>
                    ) : (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="tokenId" value={token.id} />
                        <span className="status ok">Active</span>{" "}
                        <button type="submit" className="secondary">
                          Revoke<span className="sr-only"> {token.name}</span>
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h2>Recent API requests</h2>
      {uses.length === 0 ? <p className="muted">None yet.</p> : null}
      <ul>
        {uses.map((use) => {
          const detail = use.data as { method?: string; path?: string; status?: number } | null;
          return (
            <li key={use.id}>
              <time dateTime={new Date(use.createdAt).toISOString()}>{when(use.createdAt)}</time> — {names.get(use.entityId) ?? use.entityId}: {detail?.method} {detail?.path} → {detail?.status}
            </li>
          );
        })}
      </ul>
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
