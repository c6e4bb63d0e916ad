// Helpers shared by the Wallet Ledger contract tests: clients, wallets, money movements, ledger
// invariants and request bursts.
import type { ContractResponse, TestContext } from "../../../runner/prober/contract";

export interface Client {
  id: string;
  apiKey: string;
  auth: Record<string, string>;
}

export interface Wallet {
  id: string;
  currency: "EUR" | "USD" | "GBP";
  label: string | null;
  balance: number;
  createdAt: string;
  updatedAt: string;
}

export interface Transaction {
  id: string;
  walletId: string;
  type: "deposit" | "withdrawal" | "transfer_in" | "transfer_out";
  amount: number;
  balanceAfter: number;
  transferId: string | null;
  description: string | null;
  createdAt: string;
}

export interface Transfer {
  id: string;
  fromWalletId: string;
  toWalletId: string;
  amount: number;
  currency: string;
  description: string | null;
  createdAt: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export const PROBLEM = {
  insufficientFunds: "https://wallet.example/problems/insufficient-funds",
  currencyMismatch: "https://wallet.example/problems/currency-mismatch",
  idempotencyKeyReused: "https://wallet.example/problems/idempotency-key-reused",
};

export const NONEXISTENT_ID = "00000000-0000-4000-8000-000000000000";

/**
 * A setup step needs the operation to succeed; its exact status, headers and media type are
 * judged by the tests about that operation (and its conformance item), not by every test that
 * needed a client or a wallet. The helpers below send their requests as setup.
 */
export function assertSetupSucceeded(ctx: TestContext, response: ContractResponse, operation: string): void {
  ctx.assert.ok(response.status >= 200 && response.status < 300, `setup failed: ${operation} answered ${response.status}`);
}

export async function newClient(ctx: TestContext): Promise<Client> {
  const response = await ctx.http.post("/clients", { name: ctx.unique("client") }, { setup: true });
  assertSetupSucceeded(ctx, response, "POST /clients");
  const { id, apiKey } = response.json<{ id: string; apiKey: string }>();
  return { id, apiKey, auth: { authorization: `Bearer ${apiKey}` } };
}

export async function openWallet(ctx: TestContext, client: Client, currency = "EUR"): Promise<Wallet> {
  const response = await ctx.http.post("/wallets", { currency }, { headers: client.auth, setup: true });
  assertSetupSucceeded(ctx, response, "POST /wallets");
  return response.json<Wallet>();
}

export function keyed(client: Client, key: string): Record<string, string> {
  return { ...client.auth, "idempotency-key": key };
}

export function deposit(ctx: TestContext, client: Client, walletId: string, amount: number, key = ctx.unique("dep"), setup = false) {
  return ctx.http.post(`/wallets/${walletId}/deposits`, { amount }, { headers: keyed(client, key), setup });
}

export function withdraw(ctx: TestContext, client: Client, walletId: string, amount: number, key = ctx.unique("wd")) {
  return ctx.http.post(`/wallets/${walletId}/withdrawals`, { amount }, { headers: keyed(client, key) });
}

export function transfer(
  ctx: TestContext,
  client: Client,
  fromWalletId: string,
  toWalletId: string,
  amount: number,
  key = ctx.unique("tr"),
) {
  return ctx.http.post("/transfers", { fromWalletId, toWalletId, amount }, { headers: keyed(client, key) });
}

/** A wallet holding `amount` after one deposit. */
export async function fundedWallet(ctx: TestContext, client: Client, amount: number, currency = "EUR"): Promise<Wallet> {
  const wallet = await openWallet(ctx, client, currency);
  assertSetupSucceeded(ctx, await deposit(ctx, client, wallet.id, amount, ctx.unique("dep"), true), "POST /wallets/{walletId}/deposits");
  return wallet;
}

export async function balanceOf(ctx: TestContext, client: Client, walletId: string): Promise<number> {
  const response = await ctx.http.get(`/wallets/${walletId}`, { headers: client.auth });
  ctx.assert.status(response, 200);
  return response.json<Wallet>().balance;
}

/** Every transaction of the wallet, newest first, by following nextCursor. */
export async function history(ctx: TestContext, client: Client, walletId: string, limit = 100): Promise<Transaction[]> {
  const items: Transaction[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const response = await ctx.http.get(`/wallets/${walletId}/transactions`, { headers: client.auth, query: { limit, cursor } });
    ctx.assert.status(response, 200);
    const body = response.json<{ items: Transaction[]; nextCursor: string | null }>();
    items.push(...body.items);
    if (body.nextCursor === null) return items;
    ctx.assert.ok(body.items.length > 0, "a page with a nextCursor must not be empty");
    cursor = body.nextCursor;
  }
  return ctx.assert.fail("the transaction history did not end after 50 pages");
}

const SIGN: Record<Transaction["type"], number> = { deposit: 1, transfer_in: 1, withdrawal: -1, transfer_out: -1 };

/**
 * The ledger invariant: replaying the history oldest first, every balanceAfter equals the running
 * sum, never drops below zero, and the last one is the wallet's balance.
 */
export function assertConsistentHistory(ctx: TestContext, newestFirst: Transaction[], balance: number): void {
  let running = 0;
  for (const tx of [...newestFirst].reverse()) {
    running += SIGN[tx.type] * tx.amount;
    ctx.assert.equal(tx.balanceAfter, running, `balanceAfter of ${tx.type} ${tx.id} (running sum of the history)`);
    ctx.assert.ok(running >= 0, `the balance went negative (${running}) at ${tx.id}`);
  }
  ctx.assert.equal(running, balance, "the sum of the history versus the wallet balance");
}

/**
 * Asserts an RFC 9457 problem response with the given status (and type, if given); returns it. The
 * media type (application/problem+json) is one rule, checked by errors-are-problem-json and charged
 * once per operation, not by every error test.
 */
export function expectProblem(ctx: TestContext, response: ContractResponse, status: number, type?: string): Problem {
  ctx.assert.status(response, status);
  const problem = response.json<Problem>();
  ctx.assert.equal(problem.status, status, "problem status member");
  if (type) ctx.assert.equal(problem.type, type, "problem type");
  return problem;
}

/** Asserts a 400 problem whose `errors` name the given field (header names compared ignoring case). */
export function expectFieldError(ctx: TestContext, response: ContractResponse, field: string): void {
  const problem = expectProblem(ctx, response, 400);
  const fields = (problem.errors ?? []).map((error) => error.field.toLowerCase());
  ctx.assert.ok(fields.includes(field.toLowerCase()), `expected errors[] to name "${field}", got ${JSON.stringify(fields)}`);
}

/**
 * A money movement's outcome: any success counts as 201. The exact success status is judged by
 * the tests about it (deposit, transfer) and by the operation's conformance item, not by every
 * test that moves money to check a balance, a lock or a retry.
 */
export function isMoved(response: ContractResponse): boolean {
  return response.status >= 200 && response.status < 300;
}

export function expectMoved(ctx: TestContext, response: ContractResponse, ...alsoAllowed: number[]): void {
  ctx.assert.ok(
    isMoved(response) || alsoAllowed.includes(response.status),
    `expected the movement to succeed${alsoAllowed.length ? ` or be ${alsoAllowed.join(" or ")}` : ""}, got ${response.status}${response.text ? `; body: ${response.text.slice(0, 200)}` : ""}`,
  );
}

/** Status counts of money movements, every success counted as 201 (see isMoved). */
export function movementCounts(responses: ContractResponse[]): Record<number, number> {
  return statusCounts(responses.map((r) => (isMoved(r) ? { ...r, status: 201 } : r)));
}

export function statusCounts(responses: ContractResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const response of responses) counts[response.status] = (counts[response.status] ?? 0) + 1;
  return counts;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends `send()` in parallel batches until `stop` says so or `max` requests were sent; returns
 * every response in order. Used to exhaust a rate limit without depending on timing.
 */
export async function burst(
  send: () => Promise<ContractResponse>,
  stop: (responses: ContractResponse[]) => boolean,
  { batch = 10, max = 300 } = {},
): Promise<ContractResponse[]> {
  const responses: ContractResponse[] = [];
  while (responses.length < max && !stop(responses)) {
    responses.push(...(await Promise.all(Array.from({ length: batch }, send))));
  }
  return responses;
}

export const has429 = (responses: ContractResponse[]) => responses.some((r) => r.status === 429);

/** The Retry-After of a 429 as whole seconds, asserting the header is a positive integer. */
export function retryAfterSeconds(ctx: TestContext, response: ContractResponse): number {
  const value = ctx.assert.header(response, "retry-after", /^[1-9][0-9]*$/);
  return Number(value);
}
