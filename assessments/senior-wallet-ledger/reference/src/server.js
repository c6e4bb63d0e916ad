import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { HttpError, send, sendProblem } from "./http.js";
import { Ledger } from "./ledger.js";
import { RateLimiter } from "./rate-limit.js";
import { Router } from "./router.js";
import { registerClientRoutes } from "./routes/clients.js";
import { registerMovementRoutes } from "./routes/movements.js";
import { registerWalletRoutes } from "./routes/wallets.js";

const port = Number(process.env.PORT ?? 3000);
// Without LEDGER_FILE every start gets a fresh journal, so a stale file never leaks into a new run.
const ledgerFile = process.env.LEDGER_FILE ?? path.join(mkdtempSync(path.join(tmpdir(), "wallet-ledger-")), "ledger.ndjson");

const router = new Router();
router.on("GET", "/health", async ({ res }) => send(res, 200, { status: "ok" }));
registerClientRoutes(router);
registerWalletRoutes(router);
registerMovementRoutes(router);

const ledger = await Ledger.open(ledgerFile);
const limiter = new RateLimiter();

async function handle(req, res) {
  const url = new URL(req.url ?? "/", "http://localhost");
  try {
    const { handler, params } = router.match(req.method ?? "GET", url.pathname);
    await handler({ req, res, params, query: url.searchParams, ledger, limiter });
  } catch (error) {
    if (res.headersSent || res.destroyed) return;
    if (error instanceof HttpError) {
      sendProblem(res, error, url.pathname);
      return;
    }
    console.error(error);
    sendProblem(res, new HttpError(500, "internal-error", "Something went wrong on our side."), url.pathname);
  }
}

const server = createServer((req, res) => void handle(req, res));
server.listen(port, () => console.log(`wallet ledger API listening on port ${port} (journal ${ledgerFile})`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
