// The hidden contract tests of the Wallet Ledger API: graded by the runner, never shipped to candidates.
import { defineTests, type TestContext } from "../../../runner/prober/contract";
import {
  NONEXISTENT_ID,
  PROBLEM,
  assertConsistentHistory,
  balanceOf,
  burst,
  deposit,
  expectFieldError,
  expectMoved,
  expectProblem,
  fundedWallet,
  has429,
  isMoved,
  history,
  keyed,
  movementCounts,
  newClient,
  openWallet,
  retryAfterSeconds,
  sleep,
  statusCounts,
  transfer,
  withdraw,
  type Transaction,
  type Transfer,
} from "./support";

export const hiddenTests = defineTests([
  // ── Authentication and isolation ────────────────────────────────────────────────────────────
  {
    id: "auth-scheme",
    title: "Only the Bearer scheme with a real key is accepted",
    competency: "auth",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await openWallet(ctx, client);
      expectProblem(ctx, await ctx.http.get(`/wallets/${wallet.id}`, { headers: { authorization: `Basic ${btoa(`${client.apiKey}:`)}` } }), 401);
      expectProblem(ctx, await ctx.http.get(`/wallets/${wallet.id}`, { headers: { authorization: client.apiKey } }), 401);
      expectProblem(ctx, await ctx.http.get(`/wallets/${wallet.id}`, { headers: { authorization: "Bearer " } }), 401);
      ctx.assert.status(await ctx.http.get(`/wallets/${wallet.id}`, { headers: client.auth }), 200);
    },
  },
  {
    id: "wallets-isolated-between-clients",
    title: "Another client's wallets, transactions and transfers answer 404 and cannot be touched",
    competency: "security",
    points: 3,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const alice = await newClient(ctx);
      const mallory = await newClient(ctx);
      const aliceWallet = await fundedWallet(ctx, alice, 1000);
      const aliceOther = await openWallet(ctx, alice);
      const moved = await transfer(ctx, alice, aliceWallet.id, aliceOther.id, 100);
      expectMoved(ctx, moved);
      const malloryWallet = await fundedWallet(ctx, mallory, 500);
      const [aliceTx] = await history(ctx, alice, aliceWallet.id);

      expectProblem(ctx, await ctx.http.get(`/wallets/${aliceWallet.id}`, { headers: mallory.auth }), 404);
      expectProblem(ctx, await ctx.http.get(`/wallets/${aliceWallet.id}/transactions`, { headers: mallory.auth }), 404);
      expectProblem(ctx, await ctx.http.get(`/wallets/${aliceWallet.id}/transactions/${aliceTx.id}`, { headers: mallory.auth }), 404);
      expectProblem(ctx, await ctx.http.get(`/transfers/${moved.json<Transfer>().id}`, { headers: mallory.auth }), 404);
      expectProblem(ctx, await withdraw(ctx, mallory, aliceWallet.id, 10), 404);
      expectProblem(ctx, await deposit(ctx, mallory, aliceWallet.id, 10), 404);
      expectProblem(ctx, await transfer(ctx, mallory, aliceWallet.id, malloryWallet.id, 10), 404);
      expectProblem(ctx, await transfer(ctx, mallory, malloryWallet.id, aliceWallet.id, 10), 404);

      ctx.assert.equal(await balanceOf(ctx, alice, aliceWallet.id), 900, "Alice's balance");
      ctx.assert.equal(await balanceOf(ctx, mallory, malloryWallet.id), 500, "Mallory's balance");
    },
  },
  {
    id: "not-found",
    title: "Unknown wallets, transactions and transfers are 404",
    competency: "api-design",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await openWallet(ctx, client);
      expectProblem(ctx, await ctx.http.get(`/wallets/${NONEXISTENT_ID}`, { headers: client.auth }), 404);
      expectProblem(ctx, await deposit(ctx, client, NONEXISTENT_ID, 10), 404);
      expectProblem(ctx, await ctx.http.get(`/wallets/${wallet.id}/transactions/${NONEXISTENT_ID}`, { headers: client.auth }), 404);
      expectProblem(ctx, await ctx.http.get(`/transfers/${NONEXISTENT_ID}`, { headers: client.auth }), 404);
    },
  },

  // ── Ledger rules ────────────────────────────────────────────────────────────────────────────
  {
    id: "withdraw-exact-balance",
    title: "Withdrawing exactly the balance succeeds and leaves 0; one more unit is refused",
    competency: "database-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await fundedWallet(ctx, client, 250);
      const all = await withdraw(ctx, client, wallet.id, 250);
      expectMoved(ctx, all);
      ctx.assert.equal(all.json<Transaction>().balanceAfter, 0, "balanceAfter");
      expectProblem(ctx, await withdraw(ctx, client, wallet.id, 1), 409, PROBLEM.insufficientFunds);
      ctx.assert.equal(await balanceOf(ctx, client, wallet.id), 0, "balance");
    },
  },
  {
    id: "transfer-currency-mismatch",
    title: "A transfer between wallets of different currencies is 422 currency-mismatch",
    competency: "database-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const euros = await fundedWallet(ctx, client, 1000, "EUR");
      const dollars = await openWallet(ctx, client, "USD");
      expectProblem(ctx, await transfer(ctx, client, euros.id, dollars.id, 100), 422, PROBLEM.currencyMismatch);
      ctx.assert.equal(await balanceOf(ctx, client, euros.id), 1000, "EUR balance");
      ctx.assert.equal(await balanceOf(ctx, client, dollars.id), 0, "USD balance");
    },
  },
  {
    id: "transfer-same-wallet",
    title: "A transfer from a wallet to itself is 400",
    competency: "api-design",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await fundedWallet(ctx, client, 100);
      expectFieldError(ctx, await transfer(ctx, client, wallet.id, wallet.id, 10), "toWalletId");
      ctx.assert.equal((await history(ctx, client, wallet.id)).length, 1, "transactions");
    },
  },
  {
    id: "transfer-all-or-nothing",
    title: "A transfer larger than the source balance is 409 and neither wallet changes",
    competency: "database-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const from = await fundedWallet(ctx, client, 300);
      const to = await fundedWallet(ctx, client, 50);
      expectProblem(ctx, await transfer(ctx, client, from.id, to.id, 301), 409, PROBLEM.insufficientFunds);
      ctx.assert.equal(await balanceOf(ctx, client, from.id), 300, "source balance");
      ctx.assert.equal(await balanceOf(ctx, client, to.id), 50, "destination balance");
      ctx.assert.equal((await history(ctx, client, from.id)).length, 1, "source transactions");
      ctx.assert.equal((await history(ctx, client, to.id)).length, 1, "destination transactions");
    },
  },
  {
    id: "transfer-location",
    title: "A transfer's Location serves it to its client",
    competency: "api-design",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const from = await fundedWallet(ctx, client, 100);
      const to = await openWallet(ctx, client);
      const response = await transfer(ctx, client, from.id, to.id, 100);
      expectMoved(ctx, response);
      const fetched = await ctx.http.get(new URL(ctx.assert.header(response, "location"), ctx.baseUrl).pathname, { headers: client.auth });
      ctx.assert.status(fetched, 200);
      ctx.assert.equal(fetched.json<Transfer>(), response.json<Transfer>(), "GET Location body");
    },
  },
  {
    id: "transactions-pagination",
    title: "Transactions page newest first with a cursor; bad paging parameters are 400",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await openWallet(ctx, client);
      for (let amount = 1; amount <= 7; amount++) expectMoved(ctx, await deposit(ctx, client, wallet.id, amount));
      const path = `/wallets/${wallet.id}/transactions`;
      const pages: Transaction[][] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 5; i++) {
        const response = await ctx.http.get(path, { headers: client.auth, query: { limit: 3, cursor } });
        ctx.assert.status(response, 200);
        const page = response.json<{ items: Transaction[]; nextCursor: string | null }>();
        pages.push(page.items);
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
      }
      ctx.assert.equal(pages.map((p) => p.map((tx) => tx.amount)), [[7, 6, 5], [4, 3, 2], [1]], "amounts per page");
      for (const query of [{ limit: "0" }, { limit: "101" }, { cursor: "not-a-cursor" }]) {
        expectFieldError(ctx, await ctx.http.get(path, { headers: client.auth, query }), Object.keys(query)[0]);
      }
    },
  },

  // ── Idempotent retries ──────────────────────────────────────────────────────────────────────
  {
    id: "idempotency-replays-refusal",
    title: "A refused withdrawal retried with its key is refused again, even after a deposit",
    competency: "system-design",
    points: 3,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await fundedWallet(ctx, client, 50);
      const key = ctx.unique("refused");
      const first = await withdraw(ctx, client, wallet.id, 80, key);
      expectProblem(ctx, first, 409, PROBLEM.insufficientFunds);
      expectMoved(ctx, await deposit(ctx, client, wallet.id, 100));
      const retry = await withdraw(ctx, client, wallet.id, 80, key);
      expectProblem(ctx, retry, 409, PROBLEM.insufficientFunds);
      ctx.assert.header(retry, "idempotent-replayed", "true");
      ctx.assert.equal(await balanceOf(ctx, client, wallet.id), 150, "balance after the replayed refusal");
      expectMoved(ctx, await withdraw(ctx, client, wallet.id, 80));
    },
  },
  {
    id: "idempotency-per-client",
    title: "Two clients using the same Idempotency-Key do not interfere",
    competency: "system-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const a = await newClient(ctx);
      const b = await newClient(ctx);
      const walletA = await openWallet(ctx, a);
      const walletB = await openWallet(ctx, b);
      const key = ctx.unique("shared");
      expectMoved(ctx, await deposit(ctx, a, walletA.id, 100, key));
      const second = await deposit(ctx, b, walletB.id, 100, key);
      expectMoved(ctx, second);
      ctx.assert.equal(second.json<Transaction>().walletId, walletB.id, "B's deposit went to B's wallet");
      ctx.assert.equal(await balanceOf(ctx, b, walletB.id), 100, "B's balance");
      ctx.assert.equal(await balanceOf(ctx, a, walletA.id), 100, "A's balance");
    },
  },
  {
    id: "idempotency-transfer-retries",
    title: "A transfer retried three times moves the money once",
    competency: "system-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const from = await fundedWallet(ctx, client, 1000);
      const to = await openWallet(ctx, client);
      const key = ctx.unique("transfer");
      const responses = [];
      for (let i = 0; i < 3; i++) responses.push(await transfer(ctx, client, from.id, to.id, 400, key));
      for (const response of responses) expectMoved(ctx, response);
      ctx.assert.equal(new Set(responses.map((r) => r.json<Transfer>().id)).size, 1, "distinct transfer ids");
      ctx.assert.equal(await balanceOf(ctx, client, from.id), 600, "source balance");
      ctx.assert.equal(await balanceOf(ctx, client, to.id), 400, "destination balance");
    },
  },
  {
    id: "idempotency-other-endpoint",
    title: "A key used for a deposit is refused with 422 for a withdrawal",
    competency: "system-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await openWallet(ctx, client);
      const key = ctx.unique("endpoint");
      expectMoved(ctx, await deposit(ctx, client, wallet.id, 100, key));
      expectProblem(ctx, await withdraw(ctx, client, wallet.id, 100, key), 422, PROBLEM.idempotencyKeyReused);
      ctx.assert.equal(await balanceOf(ctx, client, wallet.id), 100, "balance");
    },
  },
  {
    id: "idempotency-concurrent-retries",
    title: "30 parallel retries of one deposit apply it once and all answer the same",
    competency: "system-design",
    points: 3,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await openWallet(ctx, client);
      const key = ctx.unique("parallel");
      const responses = await Promise.all(Array.from({ length: 30 }, () => deposit(ctx, client, wallet.id, 700, key)));
      ctx.assert.equal(movementCounts(responses), { 201: 30 }, "statuses");
      ctx.assert.equal(new Set(responses.map((r) => r.json<Transaction>().id)).size, 1, "distinct transaction ids");
      ctx.assert.equal(await balanceOf(ctx, client, wallet.id), 700, "balance");
      ctx.assert.equal((await history(ctx, client, wallet.id)).length, 1, "transactions");
    },
  },

  // ── Concurrency invariants ──────────────────────────────────────────────────────────────────
  {
    id: "concurrency-uneven-withdrawals",
    title: "Parallel withdrawals of mixed sizes never overdraw, and every refusal was justified",
    competency: "system-design",
    points: 3,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await fundedWallet(ctx, client, 1000);
      const sizes = [30, 70, 110, 150];
      const amounts = Array.from({ length: 25 }, () => sizes[Math.floor(ctx.random() * sizes.length)]);
      const responses = await Promise.all(amounts.map((amount) => withdraw(ctx, client, wallet.id, amount)));
      let withdrawn = 0;
      const refused: number[] = [];
      responses.forEach((response, i) => {
        expectMoved(ctx, response, 409);
        if (isMoved(response)) withdrawn += amounts[i];
        else refused.push(amounts[i]);
      });
      const balance = await balanceOf(ctx, client, wallet.id);
      ctx.assert.equal(balance, 1000 - withdrawn, "balance versus the accepted withdrawals");
      // Balances only fall here, so a refused amount must exceed even the final balance.
      for (const amount of refused) ctx.assert.ok(amount > balance, `a withdrawal of ${amount} was refused although ${balance} is left`);
      assertConsistentHistory(ctx, await history(ctx, client, wallet.id), balance);
    },
  },
  {
    id: "concurrency-parallel-deposits",
    title: "30 parallel deposits are all counted",
    competency: "system-design",
    points: 3,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await openWallet(ctx, client);
      const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => deposit(ctx, client, wallet.id, i + 1)));
      ctx.assert.equal(movementCounts(responses), { 201: 30 }, "statuses");
      const balance = await balanceOf(ctx, client, wallet.id);
      ctx.assert.equal(balance, 465, "balance (1 + 2 + … + 30)");
      const txs = await history(ctx, client, wallet.id);
      ctx.assert.equal(txs.length, 30, "transactions");
      assertConsistentHistory(ctx, txs, balance);
    },
  },
  {
    id: "concurrency-opposite-transfers",
    title: "Parallel transfers in both directions between two wallets all finish and conserve money",
    competency: "system-design",
    points: 4,
    visibility: "hidden",
    timeoutMs: 30_000,
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const a = await fundedWallet(ctx, client, 1000);
      const b = await fundedWallet(ctx, client, 1000);
      const plan = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? { from: a, to: b, amount: 50 } : { from: b, to: a, amount: 70 }));
      const responses = await Promise.all(plan.map((p) => transfer(ctx, client, p.from.id, p.to.id, p.amount)));
      let aToB = 0;
      let bToA = 0;
      responses.forEach((response, i) => {
        expectMoved(ctx, response, 409);
        if (isMoved(response)) {
          if (plan[i].from === a) aToB += 1;
          else bToA += 1;
        }
      });
      const balanceA = await balanceOf(ctx, client, a.id);
      const balanceB = await balanceOf(ctx, client, b.id);
      ctx.assert.equal(balanceA + balanceB, 2000, "total money across both wallets");
      ctx.assert.equal(balanceA, 1000 - 50 * aToB + 70 * bToA, "balance of A versus the accepted transfers");
      assertConsistentHistory(ctx, await history(ctx, client, a.id), balanceA);
      assertConsistentHistory(ctx, await history(ctx, client, b.id), balanceB);
    },
  },
  {
    id: "concurrency-drain-by-transfers",
    title: "20 parallel transfers of 50 out of a wallet holding 500: exactly 10 succeed",
    competency: "system-design",
    points: 3,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const source = await fundedWallet(ctx, client, 500);
      const left = await openWallet(ctx, client);
      const right = await openWallet(ctx, client);
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => transfer(ctx, client, source.id, (i % 2 === 0 ? left : right).id, 50)),
      );
      ctx.assert.equal(movementCounts(responses), { 201: 10, 409: 10 }, "statuses of the 20 transfers");
      ctx.assert.equal(await balanceOf(ctx, client, source.id), 0, "source balance");
      const received = (await balanceOf(ctx, client, left.id)) + (await balanceOf(ctx, client, right.id));
      ctx.assert.equal(received, 500, "money received by the two destinations");
    },
  },
  {
    id: "concurrency-mixed-history",
    title: "Under parallel deposits and withdrawals the history stays a consistent chain",
    competency: "database-design",
    points: 3,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await fundedWallet(ctx, client, 500);
      const kinds = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? "deposit" : "withdrawal"));
      const responses = await Promise.all(
        kinds.map((kind) => (kind === "deposit" ? deposit(ctx, client, wallet.id, 30) : withdraw(ctx, client, wallet.id, 80))),
      );
      let accepted = 0;
      responses.forEach((response, i) => {
        expectMoved(ctx, response, ...(kinds[i] === "deposit" ? [] : [409]));
        if (kinds[i] === "withdrawal" && isMoved(response)) accepted += 1;
      });
      const balance = await balanceOf(ctx, client, wallet.id);
      ctx.assert.equal(balance, 500 + 15 * 30 - 80 * accepted, "balance versus the accepted movements");
      const txs = await history(ctx, client, wallet.id, 7);
      ctx.assert.equal(txs.length, 1 + 15 + accepted, "transactions");
      ctx.assert.equal(new Set(txs.map((tx) => tx.id)).size, txs.length, "distinct transactions across pages");
      assertConsistentHistory(ctx, txs, balance);
    },
  },

  // ── Rate limiting ───────────────────────────────────────────────────────────────────────────
  {
    id: "rate-limit-per-client",
    title: "One client hitting its limit does not limit another",
    competency: "security",
    points: 2,
    visibility: "hidden",
    timeoutMs: 30_000,
    async run(ctx: TestContext) {
      const noisy = await newClient(ctx);
      const quiet = await newClient(ctx);
      const noisyWallet = await openWallet(ctx, noisy);
      const quietWallet = await openWallet(ctx, quiet);
      const responses = await burst(() => ctx.http.get(`/wallets/${noisyWallet.id}`, { headers: noisy.auth }), has429);
      ctx.assert.ok(has429(responses), `no 429 after ${responses.length} requests`);
      ctx.assert.status(await ctx.http.get(`/wallets/${quietWallet.id}`, { headers: quiet.auth }), 200);
    },
  },
  {
    id: "rate-limit-recovers",
    title: "After waiting Retry-After seconds the client is served again",
    competency: "security",
    points: 2,
    visibility: "hidden",
    timeoutMs: 30_000,
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await openWallet(ctx, client);
      const responses = await burst(() => ctx.http.get(`/wallets/${wallet.id}`, { headers: client.auth }), has429);
      const limited = responses.filter((r) => r.status === 429).pop();
      if (!limited) return ctx.assert.fail(`no 429 after ${responses.length} requests`);
      const seconds = retryAfterSeconds(ctx, limited);
      ctx.assert.ok(seconds <= 2, `Retry-After ${seconds} s, but the brief's limit refills a request every second`);
      await sleep(seconds * 1000 + 250);
      ctx.assert.status(await ctx.http.get(`/wallets/${wallet.id}`, { headers: client.auth }), 200);
    },
  },
  {
    id: "rate-limit-refusals-change-nothing",
    title: "Deposits refused with 429 are not applied",
    competency: "security",
    points: 2,
    visibility: "hidden",
    timeoutMs: 30_000,
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await openWallet(ctx, client);
      const responses = await burst(
        () => deposit(ctx, client, wallet.id, 100),
        (sent) => sent.filter((r) => r.status === 429).length >= 5,
      );
      const counts = movementCounts(responses);
      ctx.assert.ok((counts[429] ?? 0) >= 5, `expected some 429s, got ${JSON.stringify(counts)}`);
      ctx.assert.equal(Object.keys(counts).sort(), ["201", "429"], "statuses during the burst");
      const last = responses.filter((r) => r.status === 429).pop()!;
      await sleep(retryAfterSeconds(ctx, last) * 1000 + 250);
      ctx.assert.equal(await balanceOf(ctx, client, wallet.id), 100 * counts[201], "balance versus the accepted deposits");
    },
  },
  {
    id: "rate-limit-allows-burst",
    title: "A burst of 50 requests from a fresh client is within the limit",
    competency: "security",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await openWallet(ctx, client);
      const responses = await burst(() => ctx.http.get(`/wallets/${wallet.id}`, { headers: client.auth }), () => false, { max: 50 });
      ctx.assert.equal(statusCounts(responses), { 200: 50 }, "statuses of 50 requests");
    },
  },

  // ── Bad and oversized input ─────────────────────────────────────────────────────────────────
  {
    id: "input-huge-body",
    title: "A 2 MiB body is refused with 413 without taking the service down",
    competency: "security",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await openWallet(ctx, client);
      const body = `{"amount": 100, "description": "${"y".repeat(2 * 1024 * 1024)}"}`;
      const response = await ctx.http.post(`/wallets/${wallet.id}/deposits`, undefined, {
        headers: { ...keyed(client, ctx.unique("huge")), "content-type": "application/json" },
        body,
        timeoutMs: 15_000,
      });
      expectProblem(ctx, response, 413);
      ctx.assert.status(await ctx.http.get("/health"), 200);
      ctx.assert.equal(await balanceOf(ctx, client, wallet.id), 0, "balance");
    },
  },
  {
    id: "input-near-limit",
    title: "A 15 000-byte body (under the 16 KiB limit) is accepted",
    competency: "api-design",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await openWallet(ctx, client);
      const core = '{"amount": 100}';
      const body = core.slice(0, -1) + " ".repeat(15_000 - core.length) + "}";
      const response = await ctx.http.post(`/wallets/${wallet.id}/deposits`, undefined, {
        headers: { ...keyed(client, ctx.unique("near")), "content-type": "application/json" },
        body,
      });
      expectMoved(ctx, response);
      ctx.assert.equal(await balanceOf(ctx, client, wallet.id), 100, "balance");
    },
  },
  {
    id: "input-content-type",
    title: "A body sent as text/plain is 415",
    competency: "api-design",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await openWallet(ctx, client);
      const response = await ctx.http.post(`/wallets/${wallet.id}/deposits`, undefined, {
        headers: { ...keyed(client, ctx.unique("plain")), "content-type": "text/plain" },
        body: '{"amount": 100}',
      });
      expectProblem(ctx, response, 415);
      ctx.assert.equal(await balanceOf(ctx, client, wallet.id), 0, "balance");
    },
  },
  {
    id: "input-amount-edge-cases",
    title: "Fractions, zero, over-the-maximum, null, booleans and missing amounts are 400; the maximum is accepted",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await openWallet(ctx, client);
      for (const body of [{ amount: 10.5 }, { amount: 0 }, { amount: 1_000_000_001 }, { amount: null }, { amount: true }, {}]) {
        const response = await ctx.http.post(`/wallets/${wallet.id}/deposits`, body, { headers: keyed(client, ctx.unique("edge")) });
        expectFieldError(ctx, response, "amount");
      }
      expectMoved(ctx, await deposit(ctx, client, wallet.id, 1_000_000_000));
      ctx.assert.equal(await balanceOf(ctx, client, wallet.id), 1_000_000_000, "balance");
    },
  },
  {
    id: "input-non-object-bodies",
    title: "JSON bodies that are not objects are 400",
    competency: "api-design",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      for (const body of ["[]", '"EUR"', "null", "42"]) {
        const response = await ctx.http.post("/wallets", undefined, {
          headers: { ...client.auth, "content-type": "application/json" },
          body,
        });
        expectProblem(ctx, response, 400);
      }
    },
  },
  {
    id: "input-currency",
    title: "Unknown, lower-case and missing currencies are 400",
    competency: "api-design",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      for (const body of [{ currency: "BTC" }, { currency: "eur" }, { currency: 978 }, {}]) {
        expectFieldError(ctx, await ctx.http.post("/wallets", body, { headers: client.auth }), "currency");
      }
    },
  },
  {
    id: "input-deep-nesting",
    title: "A deeply nested JSON value is refused with 400 and the service keeps working",
    competency: "security",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await openWallet(ctx, client);
      const nested = "[".repeat(5000) + "]".repeat(5000);
      const response = await ctx.http.post(`/wallets/${wallet.id}/deposits`, undefined, {
        headers: { ...keyed(client, ctx.unique("deep")), "content-type": "application/json" },
        body: `{"amount": 100, "description": ${nested}}`,
      });
      expectFieldError(ctx, response, "description");
      ctx.assert.status(await ctx.http.get("/health"), 200);
      ctx.assert.equal(await balanceOf(ctx, client, wallet.id), 0, "balance");
    },
  },
  {
    id: "input-description-length",
    title: "A 200-character description is stored intact; 201 characters is 400",
    competency: "api-design",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await openWallet(ctx, client);
      const text = "Überweisung ".repeat(20).slice(0, 200);
      const ok = await ctx.http.post(`/wallets/${wallet.id}/deposits`, { amount: 5, description: text }, { headers: keyed(client, ctx.unique("d")) });
      expectMoved(ctx, ok);
      ctx.assert.equal(ok.json<Transaction>().description, text, "stored description");
      const long = await ctx.http.post(`/wallets/${wallet.id}/deposits`, { amount: 5, description: `${text}x` }, { headers: keyed(client, ctx.unique("d")) });
      expectFieldError(ctx, long, "description");
      const [latest] = await history(ctx, client, wallet.id);
      ctx.assert.equal(latest.description, text, "description in the history");
      ctx.assert.equal(await balanceOf(ctx, client, wallet.id), 5, "balance");
    },
  },
  // ── Error format ────────────────────────────────────────────────────────────────────────────
  {
    id: "errors-are-problem-json",
    title: "Error responses are application/problem+json (401, 400, 404 and 409 alike)",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const client = await newClient(ctx);
      const wallet = await openWallet(ctx, client);
      const responses = [
        await ctx.http.get(`/wallets/${wallet.id}`),
        await ctx.http.post("/wallets", { currency: "XYZ" }, { headers: client.auth }),
        await ctx.http.get(`/wallets/${NONEXISTENT_ID}`, { headers: client.auth }),
        await ctx.http.post(`/wallets/${wallet.id}/withdrawals`, { amount: 1 }, { headers: keyed(client, ctx.unique("wd")) }),
      ];
      for (const response of responses) {
        ctx.assert.header(response, "content-type", /^application\/problem\+json\b/);
      }
    },
  },
]);
