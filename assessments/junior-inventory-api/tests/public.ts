// Public contract tests of the Stockroom assessment: exactly what a candidate's check.mjs runs.
import { defineTests, type TestContext } from "../../../runner/prober/contract";
import {
  createItem,
  createItems,
  expectFieldErrors,
  expectProblem,
  itemInput,
  listItems,
  missingId,
  skus,
  uniqueTag,
  type Item,
  type ItemInput,
} from "./support";

export const tests = defineTests([
  {
    id: "health",
    title: "GET /health answers 200 with status ok",
    competency: "api-design",
    points: 1,
    visibility: "public",
    async run({ http, assert }) {
      const response = await http.get("/health");
      assert.status(response, 200);
      assert.equal(response.json<{ status: string }>().status, "ok");
    },
  },
  {
    id: "create-item",
    title: "POST /items creates an item: 201, Location, and the stored fields",
    competency: "api-design",
    points: 3,
    visibility: "public",
    async run(ctx: TestContext) {
      const input = itemInput(ctx);
      const response = await ctx.http.post("/items", input);
      ctx.assert.status(response, 201);
      const item = response.json<Item>();
      ctx.assert.header(response, "location", `/items/${item.id}`);
      ctx.assert.equal({ sku: item.sku, name: item.name, quantity: item.quantity, priceCents: item.priceCents, category: item.category }, input);
    },
  },
  {
    id: "read-item",
    title: "GET /items/{id} returns the created item",
    competency: "api-design",
    points: 2,
    visibility: "public",
    async run(ctx: TestContext) {
      const { item, location } = await createItem(ctx);
      const response = await ctx.http.get(location);
      ctx.assert.status(response, 200);
      ctx.assert.equal(response.json<Item>(), item);
    },
  },
  {
    id: "read-missing-item",
    title: "GET /items/{id} of an unknown id is a 404 problem",
    competency: "api-design",
    points: 1,
    visibility: "public",
    async run(ctx: TestContext) {
      expectProblem(ctx, await ctx.http.get(`/items/${missingId(ctx)}`), 404);
    },
  },
  {
    id: "create-missing-field",
    title: "POST /items without a name is a 400 problem naming the field",
    competency: "security",
    points: 2,
    visibility: "public",
    async run(ctx: TestContext) {
      const withoutName: Partial<ItemInput> = itemInput(ctx);
      delete withoutName.name;
      expectFieldErrors(ctx, await ctx.http.post("/items", withoutName), ["name"]);
    },
  },
  {
    id: "update-item",
    title: "PATCH /items/{id} changes only the given fields",
    competency: "api-design",
    points: 2,
    visibility: "public",
    async run(ctx: TestContext) {
      const { item, location } = await createItem(ctx, { quantity: 4 });
      const response = await ctx.http.patch(location, { quantity: 9 });
      ctx.assert.status(response, 200);
      const updated = response.json<Item>();
      ctx.assert.equal(updated.quantity, 9, "quantity after PATCH");
      ctx.assert.equal([updated.sku, updated.name, updated.priceCents, updated.category], [item.sku, item.name, item.priceCents, item.category]);
      ctx.assert.equal((await ctx.http.get(location)).json<Item>().quantity, 9, "quantity read back");
    },
  },
  {
    id: "delete-item",
    title: "DELETE /items/{id} answers 204, then the item is gone",
    competency: "api-design",
    points: 2,
    visibility: "public",
    async run(ctx: TestContext) {
      const { location } = await createItem(ctx);
      const response = await ctx.http.delete(location);
      ctx.assert.status(response, 204);
      ctx.assert.equal(response.text, "", "a 204 has no body");
      expectProblem(ctx, await ctx.http.get(location), 404);
    },
  },
  {
    id: "duplicate-sku",
    title: "POST /items with a SKU that exists is a 409 problem",
    competency: "api-design",
    points: 2,
    visibility: "public",
    async run(ctx: TestContext) {
      const { item } = await createItem(ctx);
      expectProblem(ctx, await ctx.http.post("/items", itemInput(ctx, { sku: item.sku })), 409);
    },
  },
  {
    id: "unsupported-media-type",
    title: "POST /items with a body that is not application/json is a 415 problem",
    competency: "api-design",
    points: 1,
    visibility: "public",
    async run(ctx: TestContext) {
      const response = await ctx.http.post("/items", undefined, {
        body: JSON.stringify(itemInput(ctx)),
        headers: { "content-type": "text/plain" },
      });
      expectProblem(ctx, response, 415);
    },
  },
  {
    id: "list-filter-category",
    title: "GET /items?q=&category= returns exactly the matching items",
    competency: "problem-solving",
    points: 2,
    visibility: "public",
    async run(ctx: TestContext) {
      const tag = uniqueTag(ctx);
      const [office1, , office2] = await createItems(ctx, [
        { name: `${tag} stapler`, category: "office" },
        { name: `${tag} drill`, category: "hardware" },
        { name: `${tag} paper`, category: "office" },
      ]);
      const page = await listItems(ctx, { q: tag, category: "office" });
      ctx.assert.equal(skus(page.items).sort(), skus([office1, office2]).sort(), "office items with the tag");
      ctx.assert.equal(page.total, 2, "total");
    },
  },
  {
    id: "list-sort-paging",
    title: "GET /items sorts by sku by default and pages with limit and offset",
    competency: "problem-solving",
    points: 2,
    visibility: "public",
    async run(ctx: TestContext) {
      const tag = uniqueTag(ctx);
      const created = await createItems(ctx, [{ name: `${tag} a` }, { name: `${tag} b` }, { name: `${tag} c` }]);
      const ordered = skus(created).sort();
      const first = await listItems(ctx, { q: tag, limit: 2 });
      ctx.assert.equal(skus(first.items), ordered.slice(0, 2), "first page");
      ctx.assert.equal([first.total, first.limit, first.offset], [3, 2, 0], "total, limit, offset");
      const second = await listItems(ctx, { q: tag, limit: 2, offset: 2 });
      ctx.assert.equal(skus(second.items), ordered.slice(2), "second page");
    },
  },
]);
