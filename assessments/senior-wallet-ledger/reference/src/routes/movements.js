// Deposits, withdrawals and transfers. Each needs an Idempotency-Key and runs through
// Ledger.move, which serialises it per wallet and applies it at most once.
import { randomUUID } from "node:crypto";
import { authorize } from "../access.js";
import { problemBody, problems, readJsonObject, send } from "../http.js";
import { toTransaction, toTransfer } from "../representations.js";
import { amount, id, optionalText, parseBody, requireIdempotencyKey } from "../validate.js";

function canonical(value) {
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

const created = (body, location) => ({ status: 201, body, headers: { location } });
const rejected = (error, path) => ({ status: error.status, body: problemBody(error, path), headers: {} });

async function movement(ctx, { rules, lockKeysOf, validate, plan }) {
  const client = authorize(ctx);
  const body = await readJsonObject(ctx.req);
  const key = requireIdempotencyKey(ctx.req);
  const fields = parseBody(body, rules);
  validate?.(fields);
  const path = new URL(ctx.req.url, "http://localhost").pathname;
  const { response, replayed } = await ctx.ledger.move({
    scope: `${client.id}\n${key}`,
    fingerprint: `POST ${path} ${canonical(fields)}`,
    lockKeys: lockKeysOf(fields),
    plan: () => plan({ client, fields, path, now: new Date().toISOString() }),
  });
  send(ctx.res, response.status, response.body, { ...response.headers, ...(replayed ? { "idempotent-replayed": "true" } : {}) });
}

const singleWalletRules = { amount, description: optionalText(200) };

function walletMovement(type) {
  return (ctx) => {
    const { ledger, params } = ctx;
    return movement(ctx, {
      rules: singleWalletRules,
      lockKeysOf: () => [params.walletId],
      plan({ client, fields, path, now }) {
        const wallet = ledger.walletOf(client.id, params.walletId);
        if (!wallet) return { response: rejected(problems.notFound(`Wallet ${params.walletId} does not exist.`), path) };
        if (type === "withdrawal" && wallet.balance < fields.amount) {
          const detail = `The balance is ${wallet.balance}; ${fields.amount} was requested.`;
          return { response: rejected(problems.insufficientFunds(detail), path) };
        }
        const tx = ledger.newTransaction(wallet, type, fields.amount, { description: fields.description, now });
        return { transactions: [tx], response: created(toTransaction(tx), `/wallets/${wallet.id}/transactions/${tx.id}`) };
      },
    });
  };
}

function transfer(ctx) {
  const { ledger } = ctx;
  return movement(ctx, {
    rules: { fromWalletId: id, toWalletId: id, amount, description: optionalText(200) },
    lockKeysOf: (fields) => [fields.fromWalletId, fields.toWalletId],
    validate(fields) {
      if (fields.fromWalletId === fields.toWalletId) {
        throw problems.validation([{ field: "toWalletId", message: "must differ from fromWalletId" }]);
      }
    },
    plan({ client, fields, path, now }) {
      const from = ledger.walletOf(client.id, fields.fromWalletId);
      const to = ledger.walletOf(client.id, fields.toWalletId);
      const missing = !from ? fields.fromWalletId : !to ? fields.toWalletId : null;
      if (missing) return { response: rejected(problems.notFound(`Wallet ${missing} does not exist.`), path) };
      if (from.currency !== to.currency) {
        return { response: rejected(problems.currencyMismatch(`${from.currency} cannot move to a ${to.currency} wallet.`), path) };
      }
      if (from.balance < fields.amount) {
        const detail = `The balance of ${from.id} is ${from.balance}; ${fields.amount} was requested.`;
        return { response: rejected(problems.insufficientFunds(detail), path) };
      }
      const record = {
        id: randomUUID(),
        clientId: client.id,
        fromWalletId: from.id,
        toWalletId: to.id,
        amount: fields.amount,
        currency: from.currency,
        description: fields.description,
        createdAt: now,
      };
      const common = { transferId: record.id, description: fields.description, now };
      return {
        transactions: [
          ledger.newTransaction(from, "transfer_out", fields.amount, common),
          ledger.newTransaction(to, "transfer_in", fields.amount, common),
        ],
        transfer: record,
        response: created(toTransfer(record), `/transfers/${record.id}`),
      };
    },
  });
}

export function registerMovementRoutes(router) {
  router.on("POST", "/wallets/:walletId/deposits", walletMovement("deposit"));
  router.on("POST", "/wallets/:walletId/withdrawals", walletMovement("withdrawal"));
  router.on("POST", "/transfers", transfer);
  router.on("GET", "/transfers/:transferId", async (ctx) => {
    const client = authorize(ctx);
    const record = ctx.ledger.transfers.get(ctx.params.transferId);
    if (!record || record.clientId !== client.id) throw problems.notFound(`Transfer ${ctx.params.transferId} does not exist.`);
    send(ctx.res, 200, toTransfer(record));
  });
}
