// Three solutions to the same task for the similarity tests: an original, a disguised copy of it
// (identifiers renamed, comments changed, reformatted, handlers reordered) and an independent one.

export const original = `
// Inventory service
import express from "express";
const app = express();
const items = new Map();
let nextId = 1;

function validate(body) {
  if (typeof body.name !== "string" || body.name.length === 0) return "name is required";
  if (!Number.isInteger(body.quantity) || body.quantity < 0) return "quantity must be a whole number";
  return null;
}

app.post("/items", (req, res) => {
  const problem = validate(req.body);
  if (problem) return res.status(400).json({ error: problem });
  const item = { id: nextId++, name: req.body.name, quantity: req.body.quantity };
  items.set(item.id, item);
  res.status(201).json(item);
});

app.get("/items/:id", (req, res) => {
  const item = items.get(Number(req.params.id));
  if (!item) return res.status(404).json({ error: "not found" });
  res.json(item);
});

app.delete("/items/:id", (req, res) => {
  if (!items.delete(Number(req.params.id))) return res.status(404).json({ error: "not found" });
  res.status(204).end();
});

app.listen(process.env.PORT || 3000);
`;

// The same program with every identifier renamed, comments changed, reformatted and the
// handlers in another order.
export const disguised = `
import express from 'express'
/* my own work, honest */
const server = express()
const stock = new Map()
let counter = 1

server.delete('/items/:id', (request, response) => {
  if (!stock.delete(Number(request.params.id))) return response.status(404).json({ error: 'missing' })
  response.status(204).end()
})

function check(payload) {
  if (typeof payload.name !== 'string' || payload.name.length === 0) return 'give a name'
  if (!Number.isInteger(payload.quantity) || payload.quantity < 0) return 'bad quantity'
  return null
}

server.get('/items/:id', (request, response) => {
  const found = stock.get(Number(request.params.id))
  if (!found) return response.status(404).json({ error: 'missing' })
  response.json(found)
})

server.post('/items', (request, response) => {
  const issue = check(request.body)
  if (issue) return response.status(400).json({ error: issue })
  const entry = { id: counter++, name: request.body.name, quantity: request.body.quantity }
  stock.set(entry.id, entry)
  response.status(201).json(entry)
})

server.listen(process.env.PORT || 3000)
`;

export const independent = `
import http
import json
from http.server import BaseHTTPRequestHandler, HTTPServer

STORE = {}

class Handler(BaseHTTPRequestHandler):
    def _send(self, status, payload=None):
        body = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        parts = self.path.strip("/").split("/")
        if len(parts) == 2 and parts[0] == "items" and parts[1] in STORE:
            return self._send(200, STORE[parts[1]])
        self._send(404, {"error": "unknown item"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        data = json.loads(self.rfile.read(length) or b"{}")
        key = str(len(STORE) + 1)
        STORE[key] = {"id": int(key), **data}
        self._send(201, STORE[key])

HTTPServer(("0.0.0.0", 3000), Handler).serve_forever()
`;

export const starter = `import express from "express";\nconst app = express();\napp.listen(process.env.PORT || 3000);\n`;
