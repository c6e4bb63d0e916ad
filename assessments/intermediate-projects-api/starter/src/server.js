// Taskboard API starter: a health check and one example route (registration) showing the
// conventions the contract asks for. Everything else is yours to build — see brief.md and
// openapi.yaml.
import { randomBytes, randomUUID, scrypt } from "node:crypto";
import { createServer } from "node:http";
import { promisify } from "node:util";
import { HttpError, readJsonObject, sendJson, sendProblem } from "./http.js";

const users = new Map();
const scryptAsync = promisify(scrypt);

async function hashPassword(password) {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32);
  return `${salt.toString("base64")}:${hash.toString("base64")}`;
}

async function registerUser(req, res) {
  const body = await readJsonObject(req);
  const errors = [];
  if (typeof body.email !== "string" || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.email)) {
    errors.push({ field: "email", message: "must be an email address" });
  }
  if (typeof body.password !== "string" || body.password.length < 8 || body.password.length > 128) {
    errors.push({ field: "password", message: "must be a string of 8 to 128 characters" });
  }
  if (typeof body.name !== "string" || body.name.trim() === "" || body.name.trim().length > 100) {
    errors.push({ field: "name", message: "must be a non-empty string of at most 100 characters" });
  }
  if (errors.length > 0) throw new HttpError(400, "The request is not valid.", { errors });

  const email = body.email.toLowerCase();
  const passwordHash = await hashPassword(body.password);
  if ([...users.values()].some((user) => user.email === email)) {
    throw new HttpError(409, "The email address is already registered.");
  }
  const user = { id: randomUUID(), email, name: body.name.trim(), passwordHash, createdAt: new Date().toISOString() };
  users.set(user.id, user);
  sendJson(res, 201, { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt });
}

const routes = {
  "GET /health": async (req, res) => sendJson(res, 200, { status: "ok" }),
  "POST /users": registerUser,
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
server.listen(port, () => console.log(`Taskboard API listening on http://localhost:${port}`));
