// Identifies the calling client from its API key and charges the request to its rate limit.
import { problems } from "./http.js";

export function authorize({ req, ledger, limiter }) {
  const header = req.headers.authorization;
  if (!header) throw problems.unauthorized("Send Authorization: Bearer <apiKey>.");
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw problems.unauthorized("The Authorization header must use the Bearer scheme.");
  const client = ledger.clientByApiKey(match[1]);
  if (!client) throw problems.unauthorized("The API key is not valid.");
  const retryAfter = limiter.take(client.id);
  if (retryAfter > 0) throw problems.rateLimited(retryAfter);
  return client;
}
