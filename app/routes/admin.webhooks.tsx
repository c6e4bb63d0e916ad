import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { WEBHOOK_EVENTS } from "../../runner/webhooks/events";
import { AllowedHostInput, allowHost, createSubscription, disallowHost, listAllowedHosts, listSubscriptions, SubscriptionInput } from "~/lib/api/webhooks.server";
import { requirePermission } from "~/lib/auth.server";
import { readForm } from "~/lib/form-data.server";
import { Field } from "~/components/field";
import { fieldErrors } from "~/lib/forms";
import { HttpError } from "~/lib/http-error";

export const meta: MetaFunction = () => [{ title: "Webhooks · Hirekit" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "api:manage");
  const [subscriptions, allowedHosts] = await Promise.all([listSubscriptions(), listAllowedHosts()]);
  return { subscriptions, allowedHosts };
}

type ActionResult =
  | { intent: "create"; errors: Record<string, string>; created?: { id: string; url: string; secret: string } }
  | { intent: "hosts"; errors: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "api:manage");
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "create") {
    const parsed = SubscriptionInput.safeParse({ url: form.get("url") ?? undefined, events: form.getAll("events"), description: form.get("description") ?? "" });
    if (!parsed.success) return data<ActionResult>({ intent: "create", errors: fieldErrors(parsed.error) }, { status: 400 });
    try {
      const { subscription, secret } = await createSubscription(admin.id, parsed.data);
      return data<ActionResult>({ intent: "create", errors: {}, created: { id: subscription.id, url: subscription.url, secret } });
    } catch (error) {
      if (error instanceof HttpError) return data<ActionResult>({ intent: "create", errors: { url: error.message } }, { status: 422 });
      throw error;
    }
  }
  if (intent === "allow-host" || intent === "disallow-host") {
    const parsed = AllowedHostInput.safeParse({ host: form.get("host") ?? undefined });
    if (!parsed.success) return data<ActionResult>({ intent: "hosts", errors: fieldErrors(parsed.error) }, { status: 400 });
    if (intent === "allow-host") await allowHost(admin.id, parsed.data.host);
    else await disallowHost(admin.id, parsed.data.host);
    return data<ActionResult>({ intent: "hosts", errors: {} });
  }
  return data<ActionResult>({ intent: "hosts", errors: { host: "Unknown action." } }, { status: 400 });
}

export default function AdminWebhooks() {
  const { subscriptions, allowedHosts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = result?.intent === "create" ? result.errors : {};
  const hostErrors = result?.intent === "hosts" ? result.errors : {};
  return (
    <main className="container" id="main">
      <h1>Webhooks</h1>
      <p className="muted">
        Hirekit POSTs signed JSON to these URLs when events happen; see <a href="/api/docs">the API reference</a> and <code>docs/api.md</code> for the signature.
      </p>
      {subscriptions.some((row) => row.disabledAt) ? (
        <p className="form-error" role="alert">
          Some subscriptions are disabled because deliveries kept failing. Open them to see why, fix the receiver, enable and redeliver.
        </p>
      ) : null}
      <section className="card" aria-labelledby="new-webhook">
        <h2 id="new-webhook">New subscription</h2>
        {result?.intent === "create" && result.created ? (
          <div className="notice" role="status">
            <p>
              Subscribed <code>{result.created.url}</code>. Its signing secret is shown only once:
            </p>
            <p>
              <code data-testid="webhook-secret">{result.created.secret}</code>
            </p>
          </div>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field name="url" id="webhook-url" label="Receiver URL (https)" error={errors.url}>
            {(props) => <input {...props} type="url" autoComplete="off" />}
          </Field>
          <fieldset className="field" aria-describedby={errors.events ? "webhook-events-error" : undefined}>
            <legend>Events</legend>
            {WEBHOOK_EVENTS.map((event) => (
              <label key={event} className="radio">
                <input type="checkbox" name="events" value={event} /> <code>{event}</code>
              </label>
            ))}
            {errors.events ? (
              <p className="field-error" id="webhook-events-error">
                {errors.events}
              </p>
            ) : null}
          </fieldset>
          <div className="field">
            <label htmlFor="webhook-description">Description (optional)</label>
            <input id="webhook-description" name="description" autoComplete="off" />
          </div>
          <button type="submit" disabled={navigation.state === "submitting"}>
            Subscribe
          </button>
        </Form>
      </section>
      <div className="table-wrap">
        <table>
          <caption className="sr-only">Webhook subscriptions</caption>
          <thead>
            <tr>
              <th scope="col">URL</th>
              <th scope="col">Events</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {subscriptions.map((row) => (
              <tr key={row.id}>
                <td>
                  <Link to={`/admin/webhooks/${row.id}`}>{row.url}</Link>
                  {row.description ? <div className="muted">{row.description}</div> : null}
                </td>
                <td>{row.events.join(", ")}</td>
                <td>{row.disabledAt ? <span className="status bad">Disabled</span> : <span className="status ok">Active</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" aria-labelledby="allowed-hosts">
        <h2 id="allowed-hosts">Allowed private hosts</h2>
        <p className="muted">
          Webhooks never reach private, loopback or link-local addresses, and need https outside development. A host listed here is exempt from both: list only
          receivers you run yourself.
        </p>
        {hostErrors.host ? (
          <p className="form-error" role="alert">
            {hostErrors.host}
          </p>
        ) : null}
        <ul>
          {allowedHosts.map((row) => (
            <li key={row.host}>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="disallow-host" />
                <input type="hidden" name="host" value={row.host} />
                <code>{row.host}</code>{" "}
                <button type="submit" className="secondary">
                  Remove<span className="sr-only"> {row.host}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="allow-host" />
          <div className="field">
            <label htmlFor="allow-host">Host name or address</label>
            <input id="allow-host" name="host" autoComplete="off" />
          </div>
          <button type="submit" className="secondary">
            Allow host
          </button>
        </Form>
      </section>
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
