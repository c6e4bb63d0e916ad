// Wallets and their transaction history. Another client's wallet answers 404, as if it did not exist.
import { authorize } from "../access.js";
import { problems, readJsonObject, send } from "../http.js";
import { newestFirst, parsePageQuery } from "../pagination.js";
import { toTransaction, toWallet } from "../representations.js";
import { currency, optionalText, parseBody } from "../validate.js";

function ownWallet(ledger, client, walletId) {
  const wallet = ledger.walletOf(client.id, walletId);
  if (!wallet) throw problems.notFound(`Wallet ${walletId} does not exist.`);
  return wallet;
}

export function registerWalletRoutes(router) {
  router.on("POST", "/wallets", async (ctx) => {
    const client = authorize(ctx);
    const fields = parseBody(await readJsonObject(ctx.req), { currency, label: optionalText(100) });
    const wallet = await ctx.ledger.createWallet(client.id, fields);
    send(ctx.res, 201, toWallet(wallet), { location: `/wallets/${wallet.id}` });
  });

  router.on("GET", "/wallets/:walletId", async (ctx) => {
    const client = authorize(ctx);
    send(ctx.res, 200, toWallet(ownWallet(ctx.ledger, client, ctx.params.walletId)));
  });

  router.on("GET", "/wallets/:walletId/transactions", async (ctx) => {
    const client = authorize(ctx);
    const { limit, before, errors } = parsePageQuery(ctx.query);
    if (errors.length > 0) throw problems.validation(errors);
    const wallet = ownWallet(ctx.ledger, client, ctx.params.walletId);
    const { page, nextCursor } = newestFirst(wallet.history, { limit, before });
    send(ctx.res, 200, { items: page.map(toTransaction), nextCursor });
  });

  router.on("GET", "/wallets/:walletId/transactions/:transactionId", async (ctx) => {
    const client = authorize(ctx);
    const wallet = ownWallet(ctx.ledger, client, ctx.params.walletId);
    const tx = ctx.ledger.transactions.get(ctx.params.transactionId);
    if (!tx || tx.walletId !== wallet.id) throw problems.notFound(`Transaction ${ctx.params.transactionId} does not exist.`);
    send(ctx.res, 200, toTransaction(tx));
  });
}
