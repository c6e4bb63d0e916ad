import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { deleteSubscription, getDelivery, getSubscription, listDeliveries, redeliver, updateSubscription } from "~/lib/api/webhooks.server";
import { requirePermission } from "~/lib/auth.server";
import { readForm } from "~/lib/form-data.server";
import { HttpError } from "~/lib/http-error";

export const meta: MetaFunction = () => [{ title: "Webhook deliveries · Hirekit" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "api:manage");
  const subscription = await getSubscription(params.id ?? "");
  if (!subscription) throw new Response("There is no such webhook subscription.", { status: 404 });
  return { subscription, deliveries: await listDeliveries(subscription.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "api:manage");
  const id = params.id ?? "";
  const form = await readForm(request);
  try {
    switch (form.get("intent")) {
      case "redeliver": {
        const deliveryId = String(form.get("deliveryId") ?? "");
        const delivery = await getDelivery(id, deliveryId);
        if (!delivery) return data({ error: "That delivery is not in this subscription's log." }, { status: 404 });
        await redeliver(admin.id, deliveryId);
        return data({ error: null });
      }
      case "enable":
      case "disable":
        await updateSubscription(admin.id, id, { enabled: form.get("intent") === "enable" });
        return data({ error: null });
      case "delete":
        await deleteSubscription(admin.id, id);
        return redirect("/admin/webhooks");
      default:
        return data({ error: "Unknown action." }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof HttpError) return data({ error: error.message }, { status: error.status });
    throw error;
  }
}

const when = (value: string | Date | null) => (value ? new Date(value).toLocaleString("en-GB", { timeZone: "UTC" }) + " UTC" : "—");

export default function WebhookDeliveries() {
  const { subscription, deliveries } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="container" id="main">
      <p>
        <Link to="/admin/webhooks">← Webhooks</Link>
      </p>
      <h1>
        Webhook <code>{subscription.url}</code>
      </h1>
      <p>Events: {subscription.events.join(", ")}</p>
      {subscription.disabledAt ? (
        <p className="form-error" role="alert">
          Disabled. {subscription.disabledReason}
        </p>
      ) : null}
      {result?.error ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      <div className="actions">
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value={subscription.disabledAt ? "enable" : "disable"} />
          <button type="submit" className="secondary">
            {subscription.disabledAt ? "Enable" : "Disable"}
          </button>
        </Form>
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="danger">
            Delete subscription
          </button>
        </Form>
      </div>
      <h2>Latest deliveries</h2>
      {deliveries.length === 0 ? <p className="muted">No deliveries yet.</p> : null}
      {deliveries.map((delivery) => (
        <section key={delivery.id} className="card" aria-label={`Delivery ${delivery.id}`}>
          <h3>
            <code>{delivery.event}</code> · {delivery.status.toLowerCase()} · {delivery.attempts} attempt{delivery.attempts === 1 ? "" : "s"}
          </h3>
          <p className="muted">
            Delivery id <code>{delivery.id}</code> · created {when(delivery.createdAt)} · last attempt {when(delivery.lastAttemptAt)}
            {delivery.responseStatus !== null ? ` · HTTP ${delivery.responseStatus}` : ""}
          </p>
          {delivery.error ? <p className="form-error">{delivery.error}</p> : null}
          <details>
            <summary>Request</summary>
            <pre>{JSON.stringify(delivery.requestHeaders, null, 2)}</pre>
            <pre>{delivery.body.length > 4096 ? `${delivery.body.slice(0, 4096)}… (${delivery.body.length} bytes)` : delivery.body}</pre>
          </details>
          <details>
            <summary>Response (first 4 KB)</summary>
            <pre>{delivery.responseBody ?? "—"}</pre>
          </details>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="redeliver" />
            <input type="hidden" name="deliveryId" value={delivery.id} />
            <button type="submit" className="secondary">
              Redeliver<span className="sr-only"> {delivery.id}</span>
            </button>
          </Form>
        </section>
      ))}
    </main>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
