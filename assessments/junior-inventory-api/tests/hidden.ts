// Hidden contract tests of the Stockroom assessment: graded by the runner, never shipped to
// candidates (check.mjs is built from public.ts alone).
import { defineTests, type TestContext } from "../../../runner/prober/contract";
import {
  assertNoInternals,
  assertSetupSucceeded,
  createItem,
  createItems,
  expectFieldErrors,
  expectProblem,
  itemInput,
  listItems,
  missingId,
  skus,
  uniqueSku,
  uniqueTag,
  type Item,
} from "./support";

type SortKey = "sku" | "name" | "quantity" | "priceCents" | "createdAt";

/** Checks `items` are ordered by `key` (descending when asked) with ties broken by sku ascending. */
function assertSorted(ctx: TestContext, items: Item[], key: SortKey, descending: boolean) {
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1], items[i]];
    const primary = a[key] === b[key] ? 0 : a[key] < b[key] ? -1 : 1;
    const order = (descending ? -primary : primary) || (a.sku < b.sku ? -1 : 1);
    ctx.assert.ok(order < 0, `sort=${descending ? "-" : ""}${key}: ${a.sku} (${a[key]}) must come after ${b.sku} (${b[key]})`);
  }
}

export const hiddenTests = defineTests([
  // ── Create ──────────────────────────────────────────────────────────────────────────────────
  {
    id: "create-location-resolves",
    title: "A created item is 201 with its URL as Location, and the body carries id and timestamps",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    subject: ["POST /items"],
    async run(ctx: TestContext) {
      const before = Date.now() - 60_000;
      const { item, response } = await createItem(ctx);
      ctx.assert.status(response, 201);
      ctx.assert.header(response, "location", `/items/${encodeURIComponent(item.id)}`);
      ctx.assert.equal(item.createdAt, item.updatedAt, "a new item's updatedAt equals its createdAt");
      ctx.assert.ok(Date.parse(item.createdAt) >= before, `createdAt ${item.createdAt} is the creation time`);
      const again = await createItem(ctx);
      ctx.assert.ok(again.item.id !== item.id, "two items get two ids");
    },
  },
  {
    id: "create-reports-every-invalid-field",
    title: "A body with several invalid fields gets one 400 naming each of them",
    competency: "security",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const response = await ctx.http.post("/items", { sku: uniqueSku(ctx), name: "   ", quantity: -1, priceCents: 500, category: "food" });
      expectFieldErrors(ctx, response, ["name", "quantity", "category"]);
    },
  },
  {
    id: "create-no-type-coercion",
    title: "Numbers sent as strings, fractions and booleans are refused, not coerced",
    competency: "security",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      expectFieldErrors(ctx, await ctx.http.post("/items", { ...itemInput(ctx), quantity: "5" }), ["quantity"]);
      expectFieldErrors(ctx, await ctx.http.post("/items", { ...itemInput(ctx), priceCents: 19.99 }), ["priceCents"]);
      expectFieldErrors(ctx, await ctx.http.post("/items", { ...itemInput(ctx), name: true }), ["name"]);
    },
  },
  {
    id: "create-sku-format",
    title: "A SKU with lower-case letters, spaces or the wrong length is refused",
    competency: "security",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      for (const sku of ["desk-1", "AB", "DESK 42", "A".repeat(21)]) {
        expectFieldErrors(ctx, await ctx.http.post("/items", itemInput(ctx, { sku })), ["sku"]);
      }
    },
  },
  {
    id: "create-unknown-field",
    title: "A body with a field the contract does not define is refused",
    competency: "security",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      expectFieldErrors(ctx, await ctx.http.post("/items", { ...itemInput(ctx), colour: "red" }), ["colour"]);
    },
  },
  {
    id: "create-bounds",
    title: "Quantity 0 and 1000000 are accepted; 1000001 is refused",
    competency: "languages-frameworks",
    points: 1,
    visibility: "hidden",
    subject: ["POST /items"],
    async run(ctx: TestContext) {
      ctx.assert.equal((await createItem(ctx, { quantity: 0 })).item.quantity, 0);
      ctx.assert.equal((await createItem(ctx, { quantity: 1_000_000 })).item.quantity, 1_000_000);
      expectFieldErrors(ctx, await ctx.http.post("/items", itemInput(ctx, { quantity: 1_000_001 })), ["quantity"]);
    },
  },
  {
    id: "malformed-json",
    title: "Malformed JSON is a 400 problem that leaks no internals",
    competency: "security",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const response = await ctx.http.post("/items", undefined, {
        body: '{"sku": "DESK-1", "name": ',
        headers: { "content-type": "application/json" },
      });
      expectFieldErrors(ctx, response, ["body"]);
      assertNoInternals(ctx, response);
    },
  },
  {
    id: "json-not-an-object",
    title: "JSON that is not an object (null, an array, a number) is a 400 problem, not a crash",
    competency: "security",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      for (const body of ["null", "[]", "42"]) {
        const response = await ctx.http.post("/items", undefined, { body, headers: { "content-type": "application/json" } });
        expectFieldErrors(ctx, response, ["body"]);
      }
    },
  },
  {
    id: "unicode-round-trip",
    title: "Names with accents, emoji and CJK come back byte for byte",
    competency: "languages-frameworks",
    points: 1,
    visibility: "hidden",
    subject: ["POST /items", "GET /items/{id}"],
    async run(ctx: TestContext) {
      const name = `Café ☕ 東京 «${ctx.unique("u")}»`;
      const { location } = await createItem(ctx, { name });
      ctx.assert.equal((await ctx.http.get(location)).json<Item>().name, name);
    },
  },
  {
    id: "concurrent-duplicate-sku",
    title: "Eight simultaneous creates with one SKU: exactly one 201, seven 409",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const sku = uniqueSku(ctx);
      const responses = await Promise.all(Array.from({ length: 8 }, () => ctx.http.post("/items", itemInput(ctx, { sku }))));
      // Uniqueness is the point here; the exact success status is create-item's.
      const created = responses.filter((r) => r.status >= 200 && r.status < 300);
      const statuses = responses.map((r) => (created.includes(r) ? "created" : r.status)).sort();
      ctx.assert.equal(statuses, [409, 409, 409, 409, 409, 409, 409, "created"], "statuses");
      const page = await listItems(ctx, { q: created[0].json<Item>().name });
      ctx.assert.equal(skus(page.items), [sku], "one item holds the SKU");
    },
  },
  // ── Read, update, delete ────────────────────────────────────────────────────────────────────
  {
    id: "update-missing-item",
    title: "PATCH of an unknown id is a 404 problem",
    competency: "api-design",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      expectProblem(ctx, await ctx.http.patch(`/items/${missingId(ctx)}`, { quantity: 1 }), 404);
    },
  },
  {
    id: "update-validation",
    title: "PATCH with an invalid value is a 400 naming the field and changes nothing",
    competency: "security",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const { item, location } = await createItem(ctx, { quantity: 7 });
      expectFieldErrors(ctx, await ctx.http.patch(location, { quantity: -5, name: "renamed" }), ["quantity"]);
      expectFieldErrors(ctx, await ctx.http.patch(location, { id: "other" }), ["id"]);
      const after = (await ctx.http.get(location)).json<Item>();
      ctx.assert.equal([after.quantity, after.name], [7, item.name], "quantity and name after refused PATCHes");
    },
  },
  {
    id: "update-empty-body",
    title: "PATCH with an empty object is a 400 problem",
    competency: "security",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const { location } = await createItem(ctx);
      expectFieldErrors(ctx, await ctx.http.patch(location, {}), ["body"]);
    },
  },
  {
    id: "update-sku-conflict",
    title: "PATCH to another item's SKU is 409; keeping one's own SKU is fine",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const [a, b] = await createItems(ctx, [{}, {}]);
      expectProblem(ctx, await ctx.http.patch(`/items/${b.id}`, { sku: a.sku }), 409);
      ctx.assert.status(await ctx.http.patch(`/items/${a.id}`, { sku: a.sku, quantity: 3 }), 200);
      const fresh = uniqueSku(ctx);
      ctx.assert.status(await ctx.http.patch(`/items/${b.id}`, { sku: fresh }), 200);
      assertSetupSucceeded(ctx, await ctx.http.post("/items", itemInput(ctx, { sku: b.sku })), "POST /items with the freed SKU");
    },
  },
  {
    id: "update-media-type",
    title: "PATCH with a body that is not application/json is a 415 problem",
    competency: "api-design",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const { location } = await createItem(ctx);
      const response = await ctx.http.patch(location, undefined, { body: "quantity=3", headers: { "content-type": "application/x-www-form-urlencoded" } });
      expectProblem(ctx, response, 415);
    },
  },
  {
    id: "update-timestamps",
    title: "PATCH keeps createdAt and moves updatedAt forward",
    competency: "languages-frameworks",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const { item, location } = await createItem(ctx);
      const updated = (await ctx.http.patch(location, { name: `${item.name} v2` })).json<Item>();
      ctx.assert.equal(updated.createdAt, item.createdAt, "createdAt");
      ctx.assert.ok(Date.parse(updated.updatedAt) >= Date.parse(item.updatedAt), `updatedAt ${updated.updatedAt} before ${item.updatedAt}`);
    },
  },
  {
    id: "delete-twice",
    title: "Deleting an item twice: 204, then a 404 problem; its SKU is free again",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const { item, location } = await createItem(ctx);
      ctx.assert.status(await ctx.http.delete(location), 204);
      expectProblem(ctx, await ctx.http.delete(location), 404);
      assertSetupSucceeded(ctx, await ctx.http.post("/items", itemInput(ctx, { sku: item.sku })), "POST /items with the freed SKU");
    },
  },
  {
    id: "method-not-allowed",
    title: "Methods a path does not support are 405 with an Allow header",
    competency: "api-design",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const { location } = await createItem(ctx);
      const put = await ctx.http.put(location, itemInput(ctx));
      expectProblem(ctx, put, 405);
      const allow = ctx.assert.header(put, "allow").toUpperCase();
      ctx.assert.ok(["GET", "PATCH", "DELETE"].every((m) => allow.includes(m)), `Allow for /items/{id} is "${allow}"`);
      const del = await ctx.http.delete("/items");
      expectProblem(ctx, del, 405);
      ctx.assert.ok(ctx.assert.header(del, "allow").toUpperCase().includes("POST"), "Allow for /items names POST");
    },
  },
  {
    id: "errors-are-problem-json",
    title: "Error responses are application/problem+json (404, 400 and 409 alike)",
    competency: "api-design",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const { item } = await createItem(ctx);
      const responses = [
        await ctx.http.get(`/items/${missingId(ctx)}`),
        await ctx.http.post("/items", { ...itemInput(ctx), quantity: -1 }),
        await ctx.http.post("/items", itemInput(ctx, { sku: item.sku })),
      ];
      for (const response of responses) {
        ctx.assert.header(response, "content-type", /^application\/problem\+json\b/);
      }
    },
  },
  {
    id: "unknown-route",
    title: "An unknown path is a 404 problem document too (JSON everywhere)",
    competency: "languages-frameworks",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const response = await ctx.http.get(`/${ctx.unique("nowhere")}`, { skipContractCheck: true });
      expectProblem(ctx, response, 404);
    },
  },
  // ── List: filter, sort, page ────────────────────────────────────────────────────────────────
  {
    id: "list-paging",
    title: "limit and offset walk five items in pages of two without gaps or repeats",
    competency: "problem-solving",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const tag = uniqueTag(ctx);
      const created = await createItems(ctx, Array.from({ length: 5 }, (_, i) => ({ name: `${tag} n${i}` })));
      const ordered = skus(created).sort();
      for (const [offset, expected] of [[0, ordered.slice(0, 2)], [2, ordered.slice(2, 4)], [4, ordered.slice(4)], [5, []]] as const) {
        const page = await listItems(ctx, { q: tag, limit: 2, offset });
        ctx.assert.equal(skus(page.items), [...expected], `page at offset ${offset}`);
        ctx.assert.equal([page.total, page.limit, page.offset], [5, 2, offset], `total, limit, offset at offset ${offset}`);
      }
    },
  },
  {
    id: "list-defaults",
    title: "Without limit and offset a page has limit 20 and offset 0, and total counts every match",
    competency: "problem-solving",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const tag = uniqueTag(ctx);
      await createItems(ctx, Array.from({ length: 22 }, (_, i) => ({ name: `${tag} bulk ${i}` })));
      const page = await listItems(ctx, { q: tag });
      ctx.assert.equal([page.items.length, page.total, page.limit, page.offset], [20, 22, 20, 0], "items, total, limit, offset");
    },
  },
  {
    id: "list-sort-name",
    title: "sort=name and sort=-name order by name both ways",
    competency: "problem-solving",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const tag = uniqueTag(ctx);
      await createItems(ctx, ["mango", "apple", "cherry", "banana"].map((n) => ({ name: `${tag} ${n}` })));
      const ascending = await listItems(ctx, { q: tag, sort: "name" });
      ctx.assert.equal(ascending.items.map((i) => i.name.split(" ")[1]), ["apple", "banana", "cherry", "mango"], "sort=name");
      const descending = await listItems(ctx, { q: tag, sort: "-name" });
      ctx.assert.equal(descending.items.map((i) => i.name.split(" ")[1]), ["mango", "cherry", "banana", "apple"], "sort=-name");
    },
  },
  {
    id: "list-sort-ties",
    title: "sort=quantity, -priceCents and -createdAt break ties by sku ascending",
    competency: "problem-solving",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const tag = uniqueTag(ctx);
      const base = uniqueSku(ctx);
      await createItems(ctx, [
        { sku: `${base}-D`, name: `${tag} d`, quantity: 5, priceCents: 300 },
        { sku: `${base}-B`, name: `${tag} b`, quantity: 2, priceCents: 300 },
        { sku: `${base}-C`, name: `${tag} c`, quantity: 5, priceCents: 100 },
        { sku: `${base}-A`, name: `${tag} a`, quantity: 5, priceCents: 300 },
      ]);
      const byQuantity = await listItems(ctx, { q: tag, sort: "quantity" });
      ctx.assert.equal(skus(byQuantity.items), [`${base}-B`, `${base}-A`, `${base}-C`, `${base}-D`], "sort=quantity");
      const byPrice = await listItems(ctx, { q: tag, sort: "-priceCents" });
      ctx.assert.equal(skus(byPrice.items), [`${base}-A`, `${base}-B`, `${base}-D`, `${base}-C`], "sort=-priceCents");
      const newest = await listItems(ctx, { q: tag, sort: "-createdAt" });
      ctx.assert.equal(newest.items.length, 4, "all four items");
      assertSorted(ctx, newest.items, "createdAt", true);
    },
  },
  {
    id: "list-filter-in-stock",
    title: "inStock=true leaves out items with quantity 0; inStock=false keeps only those",
    competency: "problem-solving",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const tag = uniqueTag(ctx);
      const [none, one, many] = await createItems(ctx, [
        { name: `${tag} none`, quantity: 0 },
        { name: `${tag} one`, quantity: 1 },
        { name: `${tag} many`, quantity: 40 },
      ]);
      ctx.assert.equal(skus((await listItems(ctx, { q: tag, inStock: "true" })).items).sort(), skus([one, many]).sort(), "inStock=true");
      ctx.assert.equal(skus((await listItems(ctx, { q: tag, inStock: "false" })).items), [none.sku], "inStock=false");
    },
  },
  {
    id: "list-search-case-insensitive",
    title: "q matches a substring of the name in any letter case",
    competency: "problem-solving",
    points: 1,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const tag = uniqueTag(ctx);
      const [lamp] = await createItems(ctx, [{ name: `${tag} Brass LAMP` }, { name: `${tag} oak table` }]);
      const page = await listItems(ctx, { q: `${tag} brass lamp`.toUpperCase() });
      ctx.assert.equal(skus(page.items), [lamp.sku]);
    },
  },
  {
    id: "list-invalid-parameters",
    title: "Invalid limit, offset, sort, category and inStock are 400 problems naming the parameter",
    competency: "security",
    points: 2,
    visibility: "hidden",
    async run(ctx: TestContext) {
      const cases: [Record<string, string>, string][] = [
        [{ limit: "0" }, "limit"],
        [{ limit: "101" }, "limit"],
        [{ limit: "ten" }, "limit"],
        [{ offset: "-1" }, "offset"],
        [{ sort: "colour" }, "sort"],
        [{ category: "food" }, "category"],
        [{ inStock: "yes" }, "inStock"],
      ];
      for (const [query, field] of cases) {
        expectFieldErrors(ctx, await ctx.http.get("/items", { query }), [field]);
      }
    },
  },
]);
