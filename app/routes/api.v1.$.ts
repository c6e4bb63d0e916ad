import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApiRequest } from "~/lib/api/endpoints.server";

// Every /api/v1 request goes through one dispatcher (auth, rate limit, scopes, idempotency).
export const loader = ({ request }: LoaderFunctionArgs) => handleApiRequest(request);
export const action = ({ request }: ActionFunctionArgs) => handleApiRequest(request);
