// Stockroom inventory API: starter. It runs as-is (`npm start`) and answers /health and
// GET /items. Everything else in openapi.yaml is yours to build; see README.md.
import { createServer } from "node:http";

const PORT = Number(process.env.PORT ?? 3000);

/** Items kept in memory, keyed by id. */
const items = new Map();

function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(text);
}

/** Errors are RFC 9457 problem documents. */
function sendProblem(res, status, title, detail) {
  const text = JSON.stringify({ type: "about:blank", title, status, ...(detail ? { detail } : {}) });
  res.writeHead(status, { "content-type": "application/problem+json" });
  res.end(text);
}

function listItems(res) {
  // Example route: returns every item. Filtering, sorting and paging are still to do.
  const all = [...items.values()];
  sendJson(res, 200, { items: all.slice(0, 20), total: all.length, limit: 20, offset: 0 });
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (req.method === "GET" && url.pathname === "/health") return sendJson(res, 200, { status: "ok" });
  if (req.method === "GET" && url.pathname === "/items") return listItems(res);
  sendProblem(res, 404, "Not found", `There is no resource at ${url.pathname}.`);
});

server.listen(PORT, "0.0.0.0", () => console.log(`Stockroom listening on port ${PORT}`));
