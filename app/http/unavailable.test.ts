import { describe, expect, it } from "vitest";
import { createPrismaClient } from "~/lib/db.server";
import { DatabaseOutage, isDatabaseUnavailable, RETRY_AFTER_SECONDS, unavailableResponse } from "./unavailable";
import { freePort } from "../../tests/support/app-server";

describe("isDatabaseUnavailable", () => {
  it("recognises the error Prisma throws when nothing listens on the database port", async () => {
    const prisma = createPrismaClient(`postgresql://hirekit@127.0.0.1:${await freePort()}/hirekit`, { max: 1 });
    const error = await prisma.user.count().then(
      () => null,
      (caught: unknown) => caught,
    );
    await prisma.$disconnect();
    expect(error).not.toBeNull();
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("recognises PostgreSQL shutting down or starting up, and connection errors underneath a cause", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("the database system is starting up"), { code: "57P03" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }) }))).toBe(true);
  });

  it("leaves ordinary errors alone: a unique violation, a bug, a thrown Response", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable(new Response("no", { status: 404 }))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe("DatabaseOutage", () => {
  const outageError = Object.assign(new Error("Invalid `prisma.user.count()` invocation:\n\nCan't reach database server at 127.0.0.1:5432"), { code: "P1001" });

  it("logs one line when an outage starts, however many requests fail, and one when it ends", async () => {
    let clock = 0;
    let databaseUp = false;
    const lines: string[] = [];
    const outage = new DatabaseOutage(
      async () => {
        if (!databaseUp) throw new Error("still down");
      },
      (line) => lines.push(line),
      () => clock,
    );
    for (let i = 0; i < 20; i++) expect(outage.report(outageError)).toBe(true);
    expect(outage.report(new Error("a bug"))).toBe(false);
    expect(lines).toEqual(["PostgreSQL is unreachable (Can't reach database server at 127.0.0.1:5432); answering 503 until it is back."]);

    expect(await outage.stillDown()).toBe(true);
    clock += 1_500;
    expect(await outage.stillDown()).toBe(true);
    outage.countAnswered();
    outage.countAnswered();
    databaseUp = true;
    // Probes are at most one a second.
    clock += 200;
    expect(await outage.stillDown()).toBe(true);
    clock += 1_000;
    expect(await outage.stillDown()).toBe(false);
    expect(outage.down).toBe(false);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe("PostgreSQL is reachable again after 2.7 s (2 requests answered 503).");
  });

  it("shares one probe among the requests waiting at the same time", async () => {
    let clock = 0;
    let probes = 0;
    const outage = new DatabaseOutage(
      async () => {
        probes += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error("down");
      },
      () => undefined,
      () => clock,
    );
    outage.report(outageError);
    clock = 5_000;
    expect(await Promise.all([outage.stillDown(), outage.stillDown(), outage.stillDown()])).toEqual([true, true, true]);
    expect(probes).toBe(1);
  });
});

describe("unavailableResponse", () => {
  it("answers pages with the calm HTML page and API calls with JSON, both 503 with Retry-After", async () => {
    const page = unavailableResponse(new Request("http://x/jobs", { headers: { accept: "text/html" } }), "n0nce");
    expect(page.status).toBe(503);
    expect(page.headers.get("Retry-After")).toBe(String(RETRY_AFTER_SECONDS));
    const html = await page.text();
    expect(html).toContain("<h1>Hirekit is briefly unavailable</h1>");
    expect(html).toContain('<style nonce="n0nce">');
    const api = unavailableResponse(new Request("http://x/c/t/status", { headers: { accept: "application/json" } }), "n");
    expect(api.status).toBe(503);
    expect(api.headers.get("Retry-After")).toBe(String(RETRY_AFTER_SECONDS));
    expect(await api.json()).toEqual({ error: `Hirekit is briefly unavailable. Try again in ${RETRY_AFTER_SECONDS} seconds.` });
  });
});
