// API clients: anyone may register one and receives its API key exactly once.
import { readJsonObject, send } from "../http.js";
import { parseBody, requiredText } from "../validate.js";

export function registerClientRoutes(router) {
  router.on("POST", "/clients", async ({ req, res, ledger }) => {
    const { name } = parseBody(await readJsonObject(req), { name: requiredText(100) });
    const { client, apiKey } = await ledger.createClient(name.trim());
    send(res, 201, { id: client.id, name: client.name, apiKey, createdAt: client.createdAt });
  });
}
