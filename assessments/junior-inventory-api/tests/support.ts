// Helpers shared by the public and hidden tests of the Stockroom assessment. Every test makes its
// own items with seed-derived unique SKUs and names, and list tests filter by their own name tag,
// so tests are independent of each other and of the order they run in.
import type { ContractResponse, TestContext } from "../../../runner/prober/contract";

export const CATEGORIES = ["hardware", "software", "office", "furniture", "other"] as const;
export type Category = (typeof CATEGORIES)[number];

export interface ItemInput {
  sku: string;
  name: string;
  quantity: number;
  priceCents: number;
  category: Category;
}

export interface Item extends ItemInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export interface ItemPage {
  items: Item[];
  total: number;
  limit: number;
  offset: number;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** A SKU no other test (or run with this seed) uses: upper-case letters, digits and dashes. */
export function uniqueSku(ctx: TestContext): string {
  return ctx.unique("S").toUpperCase();
}

/** A tag to put in item names so a list test can select exactly its own items with ?q=. */
export function uniqueTag(ctx: TestContext): string {
  return ctx.unique("tag");
}

export function itemInput(ctx: TestContext, overrides: Partial<ItemInput> = {}): ItemInput {
  return {
    sku: uniqueSku(ctx),
    name: `${ctx.unique("item")} desk lamp`,
    quantity: 1 + Math.floor(ctx.random() * 50),
    priceCents: 100 + Math.floor(ctx.random() * 10_000),
    category: CATEGORIES[Math.floor(ctx.random() * CATEGORIES.length)],
    ...overrides,
  };
}

/**
 * A setup step needs the operation to succeed; its exact status, headers and media type are
 * judged by the tests about that operation (and its conformance item), not by every test that
 * needed data.
 */
export function assertSetupSucceeded(ctx: TestContext, response: ContractResponse, operation: string): void {
  ctx.assert.ok(response.status >= 200 && response.status < 300, `setup failed: ${operation} answered ${response.status}`);
}

/** Creates an item as setup (see RequestOptions.setup); tests about creation declare `subject: ["POST /items"]`. */
export async function createItem(ctx: TestContext, overrides: Partial<ItemInput> = {}): Promise<{ item: Item; location: string; response: ContractResponse }> {
  const response = await ctx.http.post("/items", itemInput(ctx, overrides), { setup: true });
  assertSetupSucceeded(ctx, response, "POST /items");
  const item = response.json<Item>();
  return { item, location: response.headers.location ?? `/items/${encodeURIComponent(item.id)}`, response };
}

/** Creates items one after another (creation order matters to some tests). */
export async function createItems(ctx: TestContext, list: Partial<ItemInput>[]): Promise<Item[]> {
  const created: Item[] = [];
  for (const overrides of list) created.push((await createItem(ctx, overrides)).item);
  return created;
}

/**
 * A problem response with the given status. The media type (application/problem+json) is one rule,
 * checked by errors-are-problem-json and charged once per operation, not by every error test.
 */
export function expectProblem(ctx: TestContext, response: ContractResponse, status: number): Problem {
  ctx.assert.status(response, status);
  const problem = response.json<Problem>();
  ctx.assert.equal(problem.status, status, "the problem's status member");
  return problem;
}

/** A 400 problem whose `errors` name every one of `fields`. */
export function expectFieldErrors(ctx: TestContext, response: ContractResponse, fields: string[]): Problem {
  const problem = expectProblem(ctx, response, 400);
  const named = new Set((problem.errors ?? []).map((e) => e.field));
  const missing = fields.filter((f) => !named.has(f));
  ctx.assert.ok(
    missing.length === 0,
    `expected field errors for ${fields.join(", ")}; missing ${missing.join(", ")} (got ${[...named].join(", ") || "none"})`,
  );
  return problem;
}

export async function listItems(ctx: TestContext, query: Record<string, string | number>): Promise<ItemPage> {
  const response = await ctx.http.get("/items", { query });
  ctx.assert.status(response, 200);
  return response.json<ItemPage>();
}

export function skus(items: { sku: string }[]): string[] {
  return items.map((i) => i.sku);
}

/** An id that no item has: ids are opaque strings, this one is seed-derived and never issued. */
export function missingId(ctx: TestContext): string {
  return ctx.unique("missing");
}

/** Looks for text that only a stack trace or an internal error would put in a response. */
export function assertNoInternals(ctx: TestContext, response: ContractResponse): void {
  const leaks = [/\n\s+at /, /node:internal/, /Traceback \(most recent call last\)/, /\.(js|ts|py):\d+/, /SyntaxError|TypeError|JSONDecodeError/];
  const found = leaks.find((re) => re.test(response.text));
  ctx.assert.ok(!found, `the response leaks internals (matched ${found}): ${response.text.slice(0, 200)}`);
}
