// Wallet Ledger API starter: a health check and one example route (client registration) showing
// the conventions the contract asks for. Wallets, money movements, idempotency, rate limiting
// and the body-size limit are yours to build — see brief.md and openapi.yaml.
import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { HttpError, readJsonObject, sendJson, sendProblem } from "./http.js";

const clients = new Map();

async function registerClient(req, res) {
  const body = await readJsonObject(req);
  if (typeof body.name !== "string" || body.name.trim() === "" || body.name.length > 100) {
    throw new HttpError(400, "The request is not valid.", {
      errors: [{ field: "name", message: "must be a non-empty string of at most 100 characters" }],
    });
  }
  const client = { id: randomUUID(), name: body.name.trim(), apiKey: `wk_${randomBytes(24).toString("base64url")}`, createdAt: new Date().toISOString() };
  clients.set(client.apiKey, client);
  sendJson(res, 201, client);
}

const routes = {
  "GET /health": async (req, res) => sendJson(res, 200, { status: "ok" }),
  "POST /clients": registerClient,
};

const server = createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  try {
    const handler = routes[`${req.method} ${pathname}`];
    if (!handler) throw new HttpError(404, "Not found.", { detail: `No route for ${req.method} ${pathname}.` });
    await handler(req, res);
  } catch (error) {
    if (error instanceof HttpError) return sendProblem(res, error);
    console.error(error);
    sendProblem(res, new HttpError(500, "Internal server error."));
  }
});

const port = Number(process.env.PORT ?? 3000);
server.listen(port, () => console.log(`Wallet Ledger API listening on http://localhost:${port}`));
