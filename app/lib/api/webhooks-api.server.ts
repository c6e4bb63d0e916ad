// Webhook subscription endpoints: the same operations as the admin page.
import { problems, ApiProblem } from "./problem.server";
import { parseOr422, type ApiRoute } from "./router.server";
import {
  createSubscription,
  deleteSubscription,
  deliveryResource,
  getDelivery,
  getSubscription,
  listDeliveries,
  listSubscriptions,
  redeliver,
  subscriptionResource,
  SubscriptionInput,
  SubscriptionPatch,
  updateSubscription,
} from "./webhooks.server";
import { HttpError } from "../http-error";

function webhookProblem(error: unknown): never {
  if (error instanceof HttpError) {
    if (error.status === 404) throw problems.notFound(error.message);
    throw new ApiProblem(error.status, error.status === 409 ? "conflict" : "invalid-webhook", error.status === 409 ? "Conflict" : "Invalid webhook", error.message);
  }
  throw error;
}

async function existing(id: string) {
  const row = await getSubscription(id);
  if (!row) throw problems.notFound(`There is no webhook subscription with id ${id}.`);
  return row;
}

export const webhookRoutes: ApiRoute[] = [
  {
    method: "GET",
    path: "/webhooks",
    scope: "read",
    async handle() {
      return { status: 200, body: { data: (await listSubscriptions()).map(subscriptionResource) } };
    },
  },
  {
    method: "POST",
    path: "/webhooks",
    scope: "webhooks:write",
    async handle(context) {
      const input = parseOr422(SubscriptionInput.strict(), context.body);
      try {
        const { subscription, secret } = await createSubscription(context.principal.actorId, input);
        return { status: 201, body: { ...subscriptionResource(subscription), secret }, headers: { Location: `/api/v1/webhooks/${subscription.id}` } };
      } catch (error) {
        webhookProblem(error);
      }
    },
  },
  {
    method: "GET",
    path: "/webhooks/{id}",
    scope: "read",
    async handle(context) {
      return { status: 200, body: subscriptionResource(await existing(context.params.id)) };
    },
  },
  {
    method: "PATCH",
    path: "/webhooks/{id}",
    scope: "webhooks:write",
    async handle(context) {
      const patch = parseOr422(SubscriptionPatch.strict(), context.body);
      try {
        return { status: 200, body: subscriptionResource(await updateSubscription(context.principal.actorId, context.params.id, patch)) };
      } catch (error) {
        webhookProblem(error);
      }
    },
  },
  {
    method: "DELETE",
    path: "/webhooks/{id}",
    scope: "webhooks:write",
    async handle(context) {
      try {
        await deleteSubscription(context.principal.actorId, context.params.id);
      } catch (error) {
        webhookProblem(error);
      }
      return { status: 204, body: null };
    },
  },
  {
    method: "GET",
    path: "/webhooks/{id}/deliveries",
    scope: "read",
    async handle(context) {
      await existing(context.params.id);
      return { status: 200, body: { data: (await listDeliveries(context.params.id)).map(deliveryResource) } };
    },
  },
  {
    method: "POST",
    path: "/webhooks/{id}/deliveries/{deliveryId}/redeliver",
    scope: "webhooks:write",
    async handle(context) {
      await existing(context.params.id);
      const delivery = await getDelivery(context.params.id, context.params.deliveryId);
      if (!delivery) throw problems.notFound(`There is no delivery ${context.params.deliveryId} for this subscription.`);
      try {
        await redeliver(context.principal.actorId, delivery.id);
      } catch (error) {
        webhookProblem(error);
      }
      return { status: 202, body: { id: delivery.id, status: "pending" } };
    },
  },
];
