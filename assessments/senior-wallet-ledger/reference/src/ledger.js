// The wallet ledger: clients, wallets, transactions and transfers in memory, rebuilt from the
// journal at start. Every change is journaled before it is applied. Money movements run under
// per-wallet locks and once per idempotency scope, so concurrent requests cannot overdraw a
// wallet, lose an update or apply a retried request twice.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { Journal } from "./journal.js";
import { problems } from "./http.js";
import { KeyedLock } from "./keyed-lock.js";

export const hashApiKey = (apiKey) => createHash("sha256").update(apiKey).digest("hex");

export class Ledger {
  clientsByKeyHash = new Map();
  wallets = new Map();
  transactions = new Map();
  transfers = new Map();
  #outcomes = new Map();
  #inFlight = new Map();
  #locks = new KeyedLock();
  #journal;
  #seq = 0;

  constructor(journal) {
    this.#journal = journal;
  }

  static async open(file) {
    const { journal, events } = await Journal.open(file);
    const ledger = new Ledger(journal);
    for (const event of events) ledger.#apply(event);
    return ledger;
  }

  #apply(event) {
    switch (event.type) {
      case "client":
        this.clientsByKeyHash.set(event.client.keyHash, event.client);
        break;
      case "wallet":
        this.wallets.set(event.wallet.id, { ...event.wallet, balance: 0, updatedAt: event.wallet.createdAt, history: [] });
        break;
      case "movement":
        for (const tx of event.transactions) {
          const wallet = this.wallets.get(tx.walletId);
          wallet.balance = tx.balanceAfter;
          wallet.updatedAt = tx.createdAt;
          wallet.history.push(tx);
          this.transactions.set(tx.id, tx);
          this.#seq = Math.max(this.#seq, tx.seq);
        }
        if (event.transfer) this.transfers.set(event.transfer.id, event.transfer);
        this.#outcomes.set(event.outcome.scope, { fingerprint: event.outcome.fingerprint, response: event.outcome.response });
        break;
      default:
        throw new Error(`unknown journal event ${event.type}`);
    }
  }

  async #record(event) {
    await this.#journal.append(event);
    this.#apply(event);
  }

  async createClient(name) {
    const apiKey = `wk_${randomBytes(24).toString("base64url")}`;
    const client = { id: randomUUID(), name, keyHash: hashApiKey(apiKey), createdAt: new Date().toISOString() };
    await this.#record({ type: "client", client });
    return { client, apiKey };
  }

  clientByApiKey(apiKey) {
    return this.clientsByKeyHash.get(hashApiKey(apiKey));
  }

  async createWallet(clientId, { currency, label }) {
    const wallet = { id: randomUUID(), clientId, currency, label, createdAt: new Date().toISOString() };
    await this.#record({ type: "wallet", wallet });
    return this.wallets.get(wallet.id);
  }

  /** The wallet if it exists and belongs to the client; another client's wallet does not exist for them. */
  walletOf(clientId, walletId) {
    const wallet = this.wallets.get(walletId);
    return wallet && wallet.clientId === clientId ? wallet : undefined;
  }

  newTransaction(wallet, type, amount, { transferId = null, description = null, now }) {
    const delta = type === "deposit" || type === "transfer_in" ? amount : -amount;
    this.#seq += 1;
    return {
      id: randomUUID(),
      seq: this.#seq,
      walletId: wallet.id,
      type,
      amount,
      balanceAfter: wallet.balance + delta,
      transferId,
      description,
      createdAt: now,
    };
  }

  /**
   * Runs a money movement at most once per idempotency scope. A repeat of a finished request gets
   * its stored response; a repeat of a running one waits for it; a different request under the
   * same scope is refused. `plan` runs under the locks of `lockKeys`, reads the current balances
   * and returns `{ response, transactions?, transfer? }` — a rejection is a response without
   * transactions, and it is stored and replayed like a success.
   */
  async move({ scope, fingerprint, lockKeys, plan }) {
    for (;;) {
      const done = this.#outcomes.get(scope);
      if (done) {
        if (done.fingerprint !== fingerprint) throw problems.idempotencyMismatch();
        return { response: done.response, replayed: true };
      }
      const running = this.#inFlight.get(scope);
      if (!running) break;
      await running.catch(() => undefined);
    }
    const run = this.#locks.withLocks(lockKeys, async () => {
      const { response, transactions = [], transfer = null } = plan();
      await this.#record({ type: "movement", transactions, transfer, outcome: { scope, fingerprint, response } });
      return response;
    });
    this.#inFlight.set(scope, run);
    try {
      return { response: await run, replayed: false };
    } finally {
      this.#inFlight.delete(scope);
    }
  }
}
