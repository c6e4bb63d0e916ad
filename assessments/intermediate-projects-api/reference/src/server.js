import { createServer } from "node:http";
import { HttpError, sendJson, sendProblem } from "./http.js";
import { IdempotencyStore } from "./idempotency.js";
import { Router } from "./router.js";
import { registerAccountRoutes } from "./routes/accounts.js";
import { registerProjectRoutes } from "./routes/projects.js";
import { registerTaskRoutes } from "./routes/tasks.js";
import { Store } from "./store.js";

const router = new Router();
router.on("GET", "/health", async ({ res }) => sendJson(res, 200, { status: "ok" }));
registerAccountRoutes(router);
registerProjectRoutes(router);
registerTaskRoutes(router);

const store = new Store();
const idempotency = new IdempotencyStore();

async function handle(req, res) {
  const url = new URL(req.url ?? "/", "http://localhost");
  try {
    const { handler, params } = router.match(req.method ?? "GET", url.pathname);
    await handler({ req, res, params, query: url.searchParams, store, idempotency });
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof HttpError) {
      sendProblem(res, error, url.pathname);
      return;
    }
    console.error(error);
    sendProblem(res, new HttpError(500, "internal-error", "Something went wrong on our side."), url.pathname);
  }
}

const port = Number(process.env.PORT ?? 3000);
const server = createServer((req, res) => void handle(req, res));
server.listen(port, () => console.log(`taskboard API listening on port ${port}`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
