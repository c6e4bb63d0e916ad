// Stockroom inventory API: reference solution. Node 20, no dependencies, data kept in memory.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";

const PORT = Number(process.env.PORT ?? 3000);
const MAX_BODY_BYTES = 64 * 1024;

const CATEGORIES = ["hardware", "software", "office", "furniture", "other"];
const SORT_KEYS = ["sku", "name", "quantity", "priceCents", "createdAt"];
const FIELDS = ["sku", "name", "quantity", "priceCents", "category"];
const SKU_PATTERN = /^[A-Z0-9-]{3,20}$/;

/** id → item; skus maps each SKU to the id that owns it. */
const items = new Map();
const skus = new Map();

class HttpProblem extends Error {
  constructor(status, title, detail, extra = {}) {
    super(detail ?? title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.extra = extra;
  }
}

const validationProblem = (errors) =>
  new HttpProblem(400, "Invalid request", "One or more fields are invalid.", { errors });

function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function sendProblem(res, problem, headers = {}) {
  const body = {
    type: "about:blank",
    title: problem.title,
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
    ...problem.extra,
  };
  const text = JSON.stringify(body);
  res.writeHead(problem.status, {
    "content-type": "application/problem+json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(validationProblem([{ field: "body", message: `must be at most ${MAX_BODY_BYTES} bytes` }]));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

async function readJsonObject(req) {
  const mediaType = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new HttpProblem(415, "Unsupported media type", "Send the body as application/json.");
  }
  const text = await readBody(req);
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw validationProblem([{ field: "body", message: "is not valid JSON" }]);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw validationProblem([{ field: "body", message: "must be a JSON object" }]);
  }
  return value;
}

function fieldError(field, value) {
  switch (field) {
    case "sku":
      return typeof value === "string" && SKU_PATTERN.test(value)
        ? null
        : "must be 3-20 characters of A-Z, 0-9 and -";
    case "name":
      return typeof value === "string" && value.trim().length > 0 && value.length <= 100
        ? null
        : "must be a non-blank string of at most 100 characters";
    case "quantity":
      return Number.isInteger(value) && value >= 0 && value <= 1_000_000
        ? null
        : "must be an integer from 0 to 1000000";
    case "priceCents":
      return Number.isInteger(value) && value >= 0 && value <= 100_000_000
        ? null
        : "must be an integer from 0 to 100000000";
    case "category":
      return CATEGORIES.includes(value) ? null : `must be one of ${CATEGORIES.join(", ")}`;
    default:
      return "is not a known field";
  }
}

/** Every invalid field of the body; `partial` allows fields to be absent (PATCH). */
function validateItemBody(body, { partial }) {
  const errors = [];
  for (const field of Object.keys(body)) {
    if (!FIELDS.includes(field)) errors.push({ field, message: "is not a known field" });
  }
  for (const field of FIELDS) {
    if (!(field in body)) {
      if (!partial) errors.push({ field, message: "is required" });
      continue;
    }
    const message = fieldError(field, body[field]);
    if (message) errors.push({ field, message });
  }
  if (partial && Object.keys(body).length === 0) {
    errors.push({ field: "body", message: "must contain at least one field" });
  }
  if (errors.length > 0) throw validationProblem(errors);
}

function skuConflict(sku) {
  return new HttpProblem(409, "Conflict", `An item with SKU ${sku} already exists.`);
}

async function createItem(req, res) {
  const body = await readJsonObject(req);
  validateItemBody(body, { partial: false });
  // Check and insert with no await in between: concurrent requests cannot both claim one SKU.
  if (skus.has(body.sku)) throw skuConflict(body.sku);
  const now = new Date().toISOString();
  const item = {
    id: randomUUID(),
    sku: body.sku,
    name: body.name,
    quantity: body.quantity,
    priceCents: body.priceCents,
    category: body.category,
    createdAt: now,
    updatedAt: now,
  };
  items.set(item.id, item);
  skus.set(item.sku, item.id);
  sendJson(res, 201, item, { location: `/items/${item.id}` });
}

function findItem(id) {
  const item = items.get(id);
  if (!item) throw new HttpProblem(404, "Not found", `There is no item ${id}.`);
  return item;
}

async function updateItem(req, res, id) {
  const item = findItem(id);
  const body = await readJsonObject(req);
  validateItemBody(body, { partial: true });
  if (body.sku !== undefined && body.sku !== item.sku) {
    if (skus.has(body.sku)) throw skuConflict(body.sku);
    skus.delete(item.sku);
    skus.set(body.sku, item.id);
  }
  for (const field of FIELDS) {
    if (field in body) item[field] = body[field];
  }
  item.updatedAt = new Date().toISOString();
  sendJson(res, 200, item);
}

function deleteItem(res, id) {
  const item = findItem(id);
  items.delete(item.id);
  skus.delete(item.sku);
  res.writeHead(204);
  res.end();
}

function parseListQuery(params) {
  const errors = [];
  const integer = (name, fallback, min, max) => {
    const raw = params.get(name);
    if (raw === null) return fallback;
    const value = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      errors.push({ field: name, message: `must be an integer from ${min} to ${max}` });
    }
    return value;
  };
  const limit = integer("limit", 20, 1, 100);
  const offset = integer("offset", 0, 0, Number.MAX_SAFE_INTEGER);
  const category = params.get("category");
  if (category !== null && !CATEGORIES.includes(category)) {
    errors.push({ field: "category", message: `must be one of ${CATEGORIES.join(", ")}` });
  }
  const inStock = params.get("inStock");
  if (inStock !== null && inStock !== "true" && inStock !== "false") {
    errors.push({ field: "inStock", message: "must be true or false" });
  }
  const sort = params.get("sort") ?? "sku";
  const sortKey = sort.startsWith("-") ? sort.slice(1) : sort;
  if (!SORT_KEYS.includes(sortKey)) {
    errors.push({ field: "sort", message: `must be one of ${SORT_KEYS.join(", ")}, optionally prefixed with -` });
  }
  const q = params.get("q");
  if (q !== null && q.length > 100) errors.push({ field: "q", message: "must be at most 100 characters" });
  if (errors.length > 0) throw validationProblem(errors);
  return { limit, offset, category, inStock, sortKey, descending: sort.startsWith("-"), q };
}

function compare(a, b) {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function listItems(res, params) {
  const query = parseListQuery(params);
  const needle = query.q?.toLowerCase();
  const matching = [...items.values()].filter(
    (item) =>
      (!needle || item.name.toLowerCase().includes(needle)) &&
      (!query.category || item.category === query.category) &&
      (query.inStock === null || (query.inStock === "true" ? item.quantity > 0 : item.quantity === 0)),
  );
  const direction = query.descending ? -1 : 1;
  matching.sort((a, b) => direction * compare(a[query.sortKey], b[query.sortKey]) || compare(a.sku, b.sku));
  sendJson(res, 200, {
    items: matching.slice(query.offset, query.offset + query.limit),
    total: matching.length,
    limit: query.limit,
    offset: query.offset,
  });
}

function methodNotAllowed(allowed) {
  const problem = new HttpProblem(405, "Method not allowed", `Allowed: ${allowed.join(", ")}.`);
  problem.headers = { allow: allowed.join(", ") };
  return problem;
}

function safeDecode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

async function route(req, res) {
  const url = new URL(req.url ?? "/", "http://localhost");
  const method = req.method ?? "GET";
  if (url.pathname === "/health") {
    if (method !== "GET") throw methodNotAllowed(["GET"]);
    return sendJson(res, 200, { status: "ok" });
  }
  if (url.pathname === "/items") {
    if (method === "GET") return listItems(res, url.searchParams);
    if (method === "POST") return createItem(req, res);
    throw methodNotAllowed(["GET", "POST"]);
  }
  const match = /^\/items\/([^/]+)$/.exec(url.pathname);
  if (match) {
    const id = safeDecode(match[1]);
    if (method === "GET") return sendJson(res, 200, findItem(id));
    if (method === "PATCH") return updateItem(req, res, id);
    if (method === "DELETE") return deleteItem(res, id);
    throw methodNotAllowed(["GET", "PATCH", "DELETE"]);
  }
  throw new HttpProblem(404, "Not found", `There is no resource at ${url.pathname}.`);
}

const server = createServer(async (req, res) => {
  try {
    await route(req, res);
  } catch (error) {
    if (error instanceof HttpProblem) return sendProblem(res, error, error.headers);
    console.error(error);
    sendProblem(res, new HttpProblem(500, "Internal server error"));
  }
});

server.listen(PORT, "0.0.0.0", () => console.log(`Stockroom listening on port ${PORT}`));

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
  });
}
