import { describe, expect, it } from "vitest";
import { startTinyServer } from "./fixtures/tiny/server";
import { waitForReady } from "./readiness";

describe("waitForReady", () => {
  it("is ready as soon as the path answers 2xx", async () => {
    const server = await startTinyServer();
    try {
      const readiness = await waitForReady(`${server.url}/health`, 10_000);
      expect(readiness.ready).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("gives up after the timeout, naming the last status seen", async () => {
    const server = await startTinyServer(["never-ready"]);
    try {
      const readiness = await waitForReady(`${server.url}/health`, 1500);
      expect(readiness).toEqual({
        ready: false,
        message: `no 2xx answer from ${server.url}/health within 1500 ms (last attempt: status 503)`,
      });
    } finally {
      await server.close();
    }
  });

  it("names a refused connection", async () => {
    const server = await startTinyServer();
    const url = server.url;
    await server.close();
    const readiness = await waitForReady(`${url}/health`, 500);
    expect(readiness).toEqual({ ready: false, message: `no 2xx answer from ${url}/health within 500 ms (last attempt: ECONNREFUSED)` });
  });
});
